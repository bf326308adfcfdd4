using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class LifecycleCountersTests
{
    private static readonly DateTimeOffset s_t0 = Customer.T0;
    private readonly LifecycleOptions _options = new();

    [Fact]
    public void A_first_order_counts_a_buyer_first_order_revenue_and_a_new_customer_of_the_week()
    {
        var c = new Customer().Registered(s_t0, "Paid Search", cost: 12);
        var (before, oldSegs) = Snap(c, s_t0);
        c.Ordered(s_t0.AddDays(1), 80);
        var (after, newSegs) = Snap(c, s_t0.AddDays(1));

        var d = ToDictionary(LifecycleCounters.Delta(before, after, oldSegs, newSegs, s_t0.AddDays(1)));

        Assert.Equal(1, d["buyers"]);
        Assert.Equal(80, d["rev:first:2026-01-06"]);
        Assert.Equal(1, d["orders:2026-01-06"]);
        Assert.Equal(1, d["cust:new:2026-W02"]);
        Assert.Equal(80, d["chan:paid_search:revenue"]);
        Assert.Equal(-1, d["seg:new"]);
        Assert.Equal(1, d["seg:first_time_buyer"]);
        Assert.False(d.ContainsKey("chan:paid_search:customers"));
        Assert.Equal(3, d.Keys.Count(k => k.StartsWith("rfm:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_repeat_order_moves_the_customer_between_rfm_buckets_and_counts_returning_revenue()
    {
        var c = new Customer().Ordered(s_t0, 50);
        var (before, oldSegs) = Snap(c, s_t0.AddDays(20));
        c.Ordered(s_t0.AddDays(20), 70);
        var (after, newSegs) = Snap(c, s_t0.AddDays(20));

        var d = ToDictionary(LifecycleCounters.Delta(before, after, oldSegs, newSegs, s_t0.AddDays(20)));

        Assert.Equal(70, d["rev:returning:2026-01-25"]);
        Assert.Equal(1, d["cust:returning:2026-W04"]);
        Assert.Equal(-1, d[$"rfm:r:{before.Rfm!.Value.LastOrderDay}"]);
        Assert.Equal(1, d[$"rfm:r:{after.Rfm!.Value.LastOrderDay}"]);
        Assert.False(d.ContainsKey("buyers"));
        Assert.False(d.ContainsKey("customers"));
    }

    [Fact]
    public void A_second_repeat_order_in_the_same_week_does_not_count_the_customer_twice()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(14));
        var (before, segs) = Snap(c, s_t0.AddDays(14));
        c.Ordered(s_t0.AddDays(15));
        var (after, _) = Snap(c, s_t0.AddDays(15));

        var d = ToDictionary(LifecycleCounters.Delta(before, after, segs, segs, s_t0.AddDays(15)));

        Assert.DoesNotContain(d.Keys, k => k.StartsWith("cust:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_channel_learned_late_moves_the_customers_contribution_to_it()
    {
        var c = new Customer().Ordered(s_t0, 40);
        var (before, segs) = Snap(c, s_t0);
        c.Registered(s_t0.AddDays(1), "email", cost: 5);
        var (after, _) = Snap(c, s_t0.AddDays(1));

        var d = ToDictionary(LifecycleCounters.Delta(before, after, segs, segs, s_t0.AddDays(1)));

        Assert.Equal(-1, d["chan:unknown:customers"]);
        Assert.Equal(-40, d["chan:unknown:revenue"]);
        Assert.Equal(1, d["chan:email:customers"]);
        Assert.Equal(5, d["chan:email:cac"]);
        Assert.Equal(40, d["chan:email:revenue"]);
    }

    [Fact]
    public void A_time_driven_segment_change_only_moves_segment_counts()
    {
        var c = new Customer().Ordered(s_t0);
        var snap = LifecycleSnapshot.Of(c.State);
        var d = ToDictionary(LifecycleCounters.Delta(snap, snap, SegmentSet.Of(Segment.FirstTimeBuyer), SegmentSet.Of(Segment.AtRisk), s_t0.AddDays(70)));
        Assert.Equal(new Dictionary<string, double> { ["seg:first_time_buyer"] = -1, ["seg:at_risk"] = 1 }, d);
    }

    [Fact]
    public void A_refund_reduces_the_revenue_of_the_customers_class()
    {
        var c = new Customer().Ordered(s_t0, 60);
        var (before, segs) = Snap(c, s_t0.AddDays(2));
        c.Returned(s_t0.AddDays(2), 25);
        var (after, newSegs) = Snap(c, s_t0.AddDays(2));

        var d = ToDictionary(LifecycleCounters.Delta(before, after, segs, newSegs, s_t0.AddDays(2)));

        Assert.Equal(-25, d["rev:first:2026-01-07"]);
        Assert.Equal(1, d["seg:negative_experience"]);
    }

    [Fact]
    public void Channel_names_are_normalised_to_bounded_key_safe_text()
    {
        Assert.Equal("paid_search", CounterKeys.Channel(" Paid Search "));
        Assert.Equal("unknown", CounterKeys.Channel(null));
        Assert.Equal(32, CounterKeys.Channel(new string('x', 100)).Length);
    }

    [Fact]
    public void Dated_keys_expire_after_the_retention_and_others_never_do()
    {
        var now = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(CounterKeys.IsExpired("rev:first:2026-01-06", now, 400));
        Assert.False(CounterKeys.IsExpired("rev:first:2026-06-01", now, 400));
        Assert.True(CounterKeys.IsExpired("cust:new:2025-W50", now, 400));
        Assert.False(CounterKeys.IsExpired("rfm:r:100", now, 400));
        Assert.False(CounterKeys.IsExpired("seg:hero", now, 400));
    }

    private (LifecycleSnapshot, SegmentSet) Snap(Customer c, DateTimeOffset now) =>
        (LifecycleSnapshot.Of(c.State), SegmentEvaluator.Evaluate(c.State, now, _options));

    private static Dictionary<string, double> ToDictionary(IReadOnlyList<CounterDelta> deltas)
    {
        Assert.Equal(deltas.Count, deltas.Select(d => d.Key).Distinct().Count());
        return deltas.ToDictionary(d => d.Key, d => d.Increment);
    }
}
