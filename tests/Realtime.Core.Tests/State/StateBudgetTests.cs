using Realtime.Core.Churn;
using Realtime.Core.Events;
using Realtime.Core.Ingest;
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
    public void A_state_of_maximal_ids_gives_up_its_oldest_entries_as_it_is_folded_and_keeps_the_newest()
    {
        var state = new CustomerState("c1");
        var history = LongIdHistory("c1");
        foreach (var e in history)
        {
            Assert.Null(EventValidator.Validate(e, e.OccurredAt, TimeSpan.Zero));
            CustomerFold.Apply(state, e);
            Assert.InRange(StateCodec.EncodedLength(state), 1, StateLimits.MaxEncodedBytes);
        }

        // The history fills every list to its cap; within the budget they cannot all stay full.
        var kept = state.RecentOffers.Count + state.RecentItems.Count + state.Categories.Count + state.Purchased.Count + state.Cart.Count;
        Assert.True(kept < StateLimits.RecentOffers + StateLimits.RecentItems + StateLimits.Categories + StateLimits.PurchasedItems + StateLimits.CartLines, "the history should cross the budget");
        Assert.Equal(history.Last(e => e.Type == EventType.ProductViewed).ProductId, state.RecentItems[0].ProductId);
        Assert.Equal(history.Last(e => e.Type == EventType.AddedToCart).ProductId, state.Cart[^1].ProductId);
        Assert.Equal(16, state.OrderCount); // counters are never trimmed
        var bytes = StateCodec.Encode(state);
        Assert.Equal(bytes, StateCodec.Encode(StateCodec.Decode("c1", bytes)));
    }

    [Fact]
    public void A_state_within_the_budget_is_left_unchanged()
    {
        foreach (var state in StateCodecTests.SimulatedStates(20))
        {
            var before = StateCodec.Encode(state);

            Assert.True(StateBudget.Fit(state));

            Assert.Equal(before, StateCodec.Encode(state));
        }
    }

    [Fact]
    public void The_quick_size_bound_is_never_below_the_real_encoding()
    {
        var states = StateCodecTests.SimulatedStates(50).ToList();
        var longIds = new CustomerState("c1");
        foreach (var e in LongIdHistory("c1"))
        {
            CustomerFold.Apply(longIds, e);
            states.Add(longIds.Clone());
        }

        Assert.All(states, s =>
        {
            Assert.True(StateBudget.UpperBound(s, exactStrings: true) >= StateCodec.EncodedLength(s), $"{s.CustomerId}: bound below the encoding");
            Assert.True(StateBudget.UpperBound(s, exactStrings: false) >= StateBudget.UpperBound(s, exactStrings: true), $"{s.CustomerId}: quick bound below the exact one");
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(500)]
    public void A_state_folded_for_training_equals_the_state_ingest_stores_for_the_same_events(int batchSize)
    {
        var history = LongIdHistory("c1").Concat(LongIdHistory("c1").Select(e => e with { EventId = e.EventId + "-again", OccurredAt = e.OccurredAt.AddDays(1) })).ToList();
        var cutoff = history[^1].OccurredAt.AddMinutes(1);

        // Ingest: batches through BatchFolder, each stored as its bytes and loaded back for the next (as Redis does).
        byte[]? stored = null;
        var records = history.Select((e, i) => new IngestRecord(e, 0, i)).ToList();
        foreach (var batch in records.Chunk(batchSize))
        {
            var loaded = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
            if (stored is not null)
            {
                loaded["c1"] = StateCodec.Decode("c1", stored);
            }

            stored = StateCodec.Encode(BatchFolder.Fold(batch, loaded).Changed["c1"]);
        }

        // Training: the replay TrainingSetBuilder runs (one state, every event folded in occurred_at order).
        var replayed = new CustomerState("c1");
        foreach (var e in history.OrderBy(e => e.OccurredAt))
        {
            CustomerFold.TryApply(replayed, e);
        }

        var set = TrainingSetBuilder.Build(history, new TrainingSetOptions { Cutoffs = [cutoff], MinOrders = 1, DataEnd = cutoff.AddYears(1) });
        var served = new float[FeatureSchema.Count];
        ChurnFeatures.Compute(StateCodec.Decode("c1", stored!), cutoff, served);

        Assert.Equal(stored, StateCodec.Encode(replayed));
        Assert.Equal(served, Assert.Single(set.Examples).Features);
    }
}
