using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Wiring;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Core.Tests.Lifecycle;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class OfferBatchLearningTests
{
    private static readonly LifecycleEvaluator s_evaluator = new(new LifecycleOptions(), new InMemoryLifecyclePorts());
    private static readonly Dictionary<string, HoldoutExposure> s_noExposures = [];
    private static int s_next;

    private static CustomerEvent Event(EventType type, string customer, double daysAgo, string? offerId = null) => new()
    {
        EventId = $"b{Interlocked.Increment(ref s_next)}",
        Type = type,
        CustomerId = customer,
        OccurredAt = Now.AddDays(-daysAgo),
        OfferId = offerId,
        Channel = "email",
        Amount = type == EventType.OrderPlaced ? 80 : 0,
    };

    private static BatchEffectContext Batch(IReadOnlyDictionary<string, CustomerState> loaded, bool written, params CustomerEvent[] events)
    {
        var records = events.Select((e, i) => new IngestRecord(e, 0, 100 + i)).ToList();
        var result = BatchFolder.Fold(records, loaded);
        return new BatchEffectContext(result, written ? result.Changed.Values.ToList() : [], [], Now);
    }

    private static OfferBatchIncrements Learn(BatchEffectContext batch, IReadOnlyDictionary<string, HoldoutExposure>? exposures = null) =>
        OfferBatchLearning.Collect(batch, OfferCatalogSnapshot.Default, s_evaluator, exposures ?? s_noExposures);

    private static Dictionary<string, long> Fields(OfferBatchIncrements learned) => learned.Stats.ToDictionary(s => s.Field, s => s.Delta);

    [Fact]
    public void Events_of_one_customer_in_one_batch_are_each_judged_on_their_own_pre_event_state()
    {
        var batch = Batch(new Dictionary<string, CustomerState>(), written: true,
            Event(EventType.OrderPlaced, "b1", 20),
            Event(EventType.OfferShown, "b1", 5, "second_purchase_10"),
            Event(EventType.OfferRedeemed, "b1", 4, "second_purchase_10"),
            Event(EventType.OrderPlaced, "b1", 4, "second_purchase_10"));

        var fields = Fields(Learn(batch));

        // Judged on the state before the batch (a new customer), the redemption and conversion would find no contact.
        Assert.Equal(1, fields["shown:second_purchase_10:first_time_buyer"]);
        Assert.Equal(1, fields["treated:second_purchase_10"]);
        Assert.Equal(1, fields["redeemed:second_purchase_10:first_time_buyer"]);
        Assert.Equal(1, fields["treated_conv:second_purchase_10"]);
    }

    [Fact]
    public void A_counted_redemption_draws_on_the_offer_budget_at_its_cost_for_the_customer()
    {
        var batch = Batch(new Dictionary<string, CustomerState>(), written: true,
            Event(EventType.OrderPlaced, "b2", 20),
            Event(EventType.OfferShown, "b2", 5, "second_purchase_10"),
            Event(EventType.OfferRedeemed, "b2", 4, "second_purchase_10"),
            Event(EventType.OfferRedeemed, "b2", 3, "second_purchase_10"));

        var budget = Assert.Single(Learn(batch).Budget);

        Assert.Equal("second_purchase_10", budget.OfferId);
        Assert.Equal(1, budget.Redemptions);
        Assert.Equal(8.0, budget.Spend, 9); // 10 % of an 80 AOV
    }

    [Fact]
    public void A_customer_whose_state_write_was_refused_teaches_nothing()
    {
        var batch = Batch(new Dictionary<string, CustomerState>(), written: false,
            Event(EventType.OrderPlaced, "b3", 20),
            Event(EventType.OfferShown, "b3", 5, "second_purchase_10"));

        Assert.True(Learn(batch).IsEmpty);
    }

    [Fact]
    public void A_holdout_customer_ordering_within_the_window_converts_the_withheld_offer()
    {
        var loaded = new Dictionary<string, CustomerState> { ["b4"] = WithOrders("b4", 1, 80, 20) };
        var batch = Batch(loaded, written: true, Event(EventType.OrderPlaced, "b4", 1));
        var exposures = new Dictionary<string, HoldoutExposure> { ["b4"] = new("second_purchase_10", Now.AddDays(-3)) };

        Assert.Equal(["b4"], OfferBatchLearning.CustomersWithOrders(batch));
        Assert.Equal(1, Fields(Learn(batch, exposures))["holdout_conv:second_purchase_10"]);
    }
}
