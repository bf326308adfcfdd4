using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Tests.State;

public sealed class StateBudgetTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A customer whose every list is full of distinct 64-character ids: valid events, a ~7 KB state.</summary>
    internal static List<CustomerEvent> LongIdHistory(string customerId)
    {
        static string Id(string kind, int n) => $"{kind}{n:D4}".PadRight(64, 'x');
        var events = new List<CustomerEvent>();
        var n = 0;
        CustomerEvent Next(EventType type) => new() { EventId = $"{customerId}-{n}", Type = type, CustomerId = customerId, OccurredAt = s_t0.AddMinutes(n++) };
        for (var i = 0; i < 16; i++)
        {
            var line = new OrderLine(Id("bought", i), Id("cat", i), 1, 10);
            events.Add(Next(EventType.OrderPlaced) with { OrderId = $"o{i}", Amount = 10, Lines = [line] });
        }

        for (var i = 0; i < 20; i++)
        {
            events.Add(Next(EventType.AddedToCart) with { ProductId = Id("cart", i), Category = Id("cartcat", i), Price = 5, Quantity = 1 });
        }

        for (var i = 0; i < 10; i++)
        {
            events.Add(Next(EventType.ProductViewed) with { ProductId = Id("seen", i), Category = Id("seencat", i) });
        }

        for (var i = 0; i < 8; i++)
        {
            events.Add(Next(EventType.OfferShown) with { OfferId = Id("offer", i), Channel = Id("channel", i) });
        }

        return events;
    }

    [Fact]
    public void A_state_of_maximal_ids_gives_up_its_oldest_entries_to_fit_and_keeps_the_newest()
    {
        var state = new CustomerState("c1");
        foreach (var e in LongIdHistory("c1"))
        {
            Assert.Null(EventValidator.Validate(e, e.OccurredAt, TimeSpan.Zero));
            CustomerFold.Apply(state, e);
        }

        Assert.True(StateCodec.Encode(state).Length > StateLimits.MaxEncodedBytes, "the history should overflow the budget");
        var newestView = state.RecentItems[0];
        var newestCartLine = state.Cart[^1];
        var orders = state.OrderCount;

        var bytes = StateBudget.Encode(state);

        Assert.InRange(bytes.Length, 1, StateLimits.MaxEncodedBytes);
        Assert.Equal(bytes, StateCodec.Encode(StateCodec.Decode("c1", bytes)));
        Assert.Equal(newestView, state.RecentItems[0]);
        Assert.Equal(newestCartLine, state.Cart[^1]);
        Assert.Equal(orders, state.OrderCount); // counters are never trimmed
    }

    [Fact]
    public void A_state_within_the_budget_is_encoded_unchanged()
    {
        var state = StateCodecTests.SimulatedStates(20).First();
        var before = StateCodec.Encode(state);

        Assert.Equal(before, StateBudget.Encode(state));
    }
}
