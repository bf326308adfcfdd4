using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Core.Tests.Events;

namespace Realtime.Core.Tests.Recommendations;

/// <summary>The stored purchase history: the fold that builds it, its bound, and its codec.</summary>
public sealed class PurchaseHistoryTests
{
    // Version 1 of a history of two orders (day 0: p1 and p2 in "shoes"; day 7: p1 again). Later builds must keep
    // decoding it: never change this constant, add one per new version.
    private const string Version1Golden = "010480b88cd599678190e4c004040470310b73686f657304018190e4c004666666666666fe3f0004703202028190e4c00401000000000000f03f02";

    [Fact]
    public void A_history_written_by_version_one_still_loads()
    {
        var decoded = PurchaseHistoryCodec.Decode(Convert.FromHexString(Version1Golden));

        Assert.Equal(2, decoded.Baskets);
        Assert.Equal(TimeUnits.ToMs(Ev.T0), decoded.FirstOrderMs);
        Assert.Equal(TimeUnits.ToMs(Ev.T0.AddDays(7)), decoded.LastOrderMs);
        var p1 = decoded.Items["p1"];
        Assert.Equal(("shoes", 2, TimeUnits.ToMs(Ev.T0), TimeUnits.ToMs(Ev.T0.AddDays(7)), 1.9, 2), (p1.Category, p1.Orders, p1.FirstMs, p1.LastMs, p1.Decayed, p1.AtBasket));
        Assert.Equal(0.9, decoded.DecayedFrequency(decoded.Items["p2"]), 12);
        Assert.Equal(Version1Golden, Convert.ToHexStringLower(PurchaseHistoryCodec.Encode(decoded)));
    }

    [Fact]
    public void The_golden_history_is_what_the_fold_builds_from_its_orders()
    {
        var state = Fold(Ev.Order(0, 10, ("p1", "shoes"), ("p2", "shoes")), Ev.Order(7, 5, ("p1", "shoes")));

        var actual = Convert.ToHexStringLower(PurchaseHistoryCodec.Encode(state.History!));
        Assert.True(actual == Version1Golden, actual);
    }

    [Fact]
    public void Equal_histories_encode_to_equal_bytes_whatever_order_their_products_came_in()
    {
        var a = Fold(Ev.Order(0, 10, ("p1", "shoes"), ("p2", "hats")));
        var b = Fold(Ev.Order(0, 10, ("p2", "hats"), ("p1", "shoes")));

        Assert.Equal(PurchaseHistoryCodec.Encode(a.History!), PurchaseHistoryCodec.Encode(b.History!));
    }

    [Fact]
    public void Truncated_or_unknown_versions_are_refused_with_a_format_error()
    {
        var bytes = Convert.FromHexString(Version1Golden);
        Assert.Throws<FormatException>(() => PurchaseHistoryCodec.Decode(bytes.AsSpan(0, bytes.Length - 3)));
        bytes[0] = 9;
        Assert.Throws<FormatException>(() => PurchaseHistoryCodec.Decode(bytes));
    }

    [Fact]
    public void Past_its_bound_the_history_drops_the_products_with_the_lowest_decayed_frequency()
    {
        var state = new CustomerState("c1") { HistoryMaxProducts = 3 };
        CustomerFold.Apply(state, Ev.Order(0, 10, ("old", "a"), ("staple", "a")));
        CustomerFold.Apply(state, Ev.Order(1, 10, ("staple", "a"), ("tie-b", "a"), ("tie-a", "a")));

        // "old" (0.9) goes; "tie-a" and "tie-b" (1.0, same time) stay, "staple" (1.9) too.
        Assert.Equal(["staple", "tie-a", "tie-b"], state.History!.Items.Keys.Order(StringComparer.Ordinal));
        CustomerFold.Apply(state, Ev.Order(2, 10, ("new", "a")));

        // Now "tie-a" and "tie-b" weigh 0.9 each with the same last order: the ordinal id decides, "tie-a" goes.
        Assert.Equal(["new", "staple", "tie-b"], state.History!.Items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, state.History.Baskets);
        Assert.Equal(3, state.OrderCount);
    }

    [Fact]
    public void Under_its_bound_the_stored_history_is_the_whole_history_profile()
    {
        var orders = Enumerable.Range(0, 30).Select(i => Ev.Order(i, 10, ($"p{i % 7}", "a"), ($"q{i % 11}", "b"))).ToList();
        var whole = new PurchaseProfile();
        orders.ForEach(whole.Observe);

        var state = Fold([.. orders]);

        Assert.Equal(PurchaseHistoryCodec.Encode(whole), PurchaseHistoryCodec.Encode(state.History!));
    }

    [Fact]
    public void A_resubmitted_order_is_not_counted_twice_in_the_history()
    {
        var order = Ev.Order(0, 10, ("p1", "shoes"));
        var state = Fold(order, order with { EventId = "another-delivery" });

        Assert.Equal(1, state.History!.Baskets);
        Assert.Equal(1, state.History.Items["p1"].Orders);
    }

    [Fact]
    public void A_batch_folds_the_history_into_copies_and_leaves_the_loaded_state_as_it_was()
    {
        var loaded = Fold(Ev.Order(0, 10, ("p1", "shoes")));
        loaded.LastPartition = 0;
        loaded.LastOffset = 0;
        var before = PurchaseHistoryCodec.Encode(loaded.History!);

        var result = BatchFolder.Fold([new IngestRecord(Ev.Order(1, 10, ("p1", "shoes")), 0, 1)], new Dictionary<string, CustomerState> { ["c1"] = loaded });

        Assert.Equal(before, PurchaseHistoryCodec.Encode(loaded.History!));
        Assert.Equal(2, result.Changed["c1"].History!.Items["p1"].Orders);
    }

    [Fact]
    public void A_customer_who_ordered_before_histories_were_kept_starts_from_the_estimate_of_the_state()
    {
        var state = Fold(Ev.Order(0, 10, ("p1", "shoes")), Ev.Order(3, 10, ("p2", "shoes")));
        state.History = null; // as read from a store written before the upgrade

        CustomerFold.Apply(state, Ev.Order(6, 10, ("p3", "shoes")));

        Assert.Equal(3, state.History!.Baskets);
        Assert.Equal(["p1", "p2", "p3"], state.History.Items.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Serving_reads_the_history_when_the_state_has_one_and_the_estimate_otherwise()
    {
        var orders = Enumerable.Range(0, StateLimits.PurchasedItems + 4).Select(i => Ev.Order(i, 10, ($"p{i}", "a"))).ToArray();
        var state = Fold(orders);

        Assert.Equal(StateLimits.PurchasedItems + 4, PurchaseProfile.Of(state).Items.Count);
        state.History = null;
        Assert.Equal(StateLimits.PurchasedItems, PurchaseProfile.Of(state).Items.Count);
        Assert.Same(PurchaseProfile.Empty, PurchaseProfile.Of(null));
    }

    [Fact]
    public void A_zero_bound_keeps_no_history()
    {
        var state = new CustomerState("c1") { HistoryMaxProducts = 0 };
        CustomerFold.Apply(state, Ev.Order(0, 10, ("p1", "shoes")));

        Assert.Null(state.History);
    }

    private static CustomerState Fold(params CustomerEvent[] events)
    {
        var state = new CustomerState("c1");
        foreach (var e in events)
        {
            CustomerFold.Apply(state, e);
        }

        return state;
    }
}
