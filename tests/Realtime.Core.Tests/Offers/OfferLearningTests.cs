using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using Realtime.Core.State;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class OfferLearningTests
{
    private static readonly HashSet<Segment> s_firstTimeBuyer = [Segment.FirstTimeBuyer];
    private readonly OfferLearning _learning = new(DefaultOfferCatalog.Catalog);

    private static CustomerEvent Event(EventType type, string? offerId, double daysAgo, string id) => new()
    {
        EventId = id,
        Type = type,
        CustomerId = "l1",
        OccurredAt = Now.AddDays(-daysAgo),
        OfferId = offerId,
        Channel = "email",
        Amount = type == EventType.OrderPlaced ? 60 : 0,
    };

    // Feeds events the way ingest does: increments from the state before, then the fold.
    private OfferStats Replay(CustomerState state, HoldoutExposure? holdout, params CustomerEvent[] events)
    {
        var stats = new OfferStats();
        foreach (var e in events)
        {
            stats.Apply(_learning.ForEvent(e, state, s_firstTimeBuyer, holdout));
            CustomerFold.Apply(state, e);
        }

        return stats;
    }

    [Fact]
    public void A_shown_offer_counts_one_exposure_in_its_segment_however_often_it_is_shown_in_the_window()
    {
        var stats = Replay(WithOrders("l1", 1, 60, 30), null,
            Event(EventType.OfferShown, "second_purchase_10", 10, "e1"),
            Event(EventType.OfferShown, "second_purchase_10", 9, "e2"));

        Assert.Equal(new ArmCounts(1, 0), stats.Arm("second_purchase_10", "first_time_buyer"));
        Assert.Equal(1, stats.Uplift("second_purchase_10").Treated);
    }

    [Fact]
    public void A_redemption_counts_once_whether_reported_by_event_order_or_both()
    {
        var stats = Replay(WithOrders("l1", 1, 60, 30), null,
            Event(EventType.OfferShown, "second_purchase_10", 10, "e1"),
            Event(EventType.OfferRedeemed, "second_purchase_10", 8, "e2"),
            Event(EventType.OrderPlaced, "second_purchase_10", 8, "e3"));

        Assert.Equal(new ArmCounts(1, 1), stats.Arm("second_purchase_10", "first_time_buyer"));
        Assert.Equal(1, stats.Uplift("second_purchase_10").TreatedConverted);
    }

    [Fact]
    public void A_code_redeemed_without_a_contact_teaches_nothing()
    {
        var stats = Replay(WithOrders("l1", 1, 60, 30), null, Event(EventType.OrderPlaced, "second_purchase_10", 8, "e1"));

        Assert.DoesNotContain(stats.Counters, c => c.Value != 0);
    }

    [Fact]
    public void Only_the_first_order_after_an_exposure_converts_it()
    {
        var stats = Replay(WithOrders("l1", 1, 60, 30), null,
            Event(EventType.OfferShown, "second_purchase_10", 10, "e1"),
            Event(EventType.OrderPlaced, null, 8, "e2"),
            Event(EventType.OrderPlaced, null, 6, "e3"));

        Assert.Equal(1, stats.Uplift("second_purchase_10").TreatedConverted);
    }

    [Fact]
    public void A_holdout_decision_counts_once_per_window_and_a_later_order_converts_it()
    {
        var holdoutEngine = new OfferDecisionEngine(DefaultOfferCatalog.Catalog with
        {
            Policy = DefaultOfferCatalog.Catalog.Policy with { HoldoutShare = 0.5 },
        });
        var id = Enumerable.Range(0, 100).Select(i => $"l{i}").First(holdoutEngine.Holdout.IsHoldout);
        var state = WithOrders(id, 1, 60, 14);
        var decision = holdoutEngine.Explain(Request(state, segments: Segment.FirstTimeBuyer));

        var first = _learning.ForDecision(decision, null, out var exposure);
        var again = _learning.ForDecision(decision with { DecidedAt = Now.AddDays(1) }, exposure, out var unchanged);
        var stats = new OfferStats();
        stats.Apply(first);
        stats.Apply(again);
        stats.Apply(_learning.ForEvent(Event(EventType.OrderPlaced, null, -3, "o1") with { CustomerId = id }, state, s_firstTimeBuyer, exposure));

        Assert.Null(unchanged);
        Assert.Equal(new UpliftCounts(0, 0, 1, 1), stats.Uplift("second_purchase_10"));
    }

    [Fact]
    public void Uplift_is_treated_minus_holdout_conversion_with_an_interval_around_it()
    {
        var stats = OfferStats.FromFields(
        [
            new("treated:cross_sell", 2000), new("treated_conv:cross_sell", 300),
            new("holdout:cross_sell", 1000), new("holdout_conv:cross_sell", 100),
        ]);

        var estimate = Assert.Single(OfferUplift.Compute(stats));

        Assert.Equal(0.05, estimate.Uplift, precision: 6);
        Assert.InRange(estimate.Low, 0.02, 0.03);
        Assert.InRange(estimate.High, 0.07, 0.08);
        Assert.True(estimate.Significant);
    }
}
