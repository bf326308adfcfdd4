using System.Text.Json;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>States written before the event bounds existed may hold 1e308 or infinity: nothing derived may stay infinite.</summary>
public sealed class SaturationTests
{
    private static readonly DateTimeOffset s_t0 = Customer.T0;

    private static CustomerState HugeSpender()
    {
        var c = new Customer().Ordered(s_t0, 50).Ordered(s_t0.AddDays(10), 50);
        c.State.GrossRevenue = 1e308;
        return c.State;
    }

    [Fact]
    public void Predicted_clv_of_a_state_with_a_huge_revenue_is_finite()
    {
        var estimate = ClvCalculator.Estimate(HugeSpender(), s_t0.AddDays(20), ClvModel.None, new LifecycleOptions());
        Assert.True(double.IsFinite(estimate.Predicted));
        Assert.True(double.IsFinite(estimate.Total));
        Assert.True(estimate.Total <= 2 * StateLimits.MaxTotal);
    }

    [Fact]
    public void Counter_increments_are_finite_even_from_infinite_snapshots()
    {
        var state = HugeSpender();
        var before = LifecycleSnapshot.Of(new CustomerState("c1"));
        var after = LifecycleSnapshot.Of(state, clv: double.PositiveInfinity) with { GrossRevenue = double.PositiveInfinity };
        var deltas = LifecycleCounters.Delta(before, after, default, SegmentSet.Of(Segment.Active), s_t0);
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.True(double.IsFinite(d.Increment), $"{d.Key} = {d.Increment}"));
    }

    [Fact]
    public void The_segment_change_json_writer_never_throws_on_infinite_or_out_of_range_facts()
    {
        var facts = new LifecycleFacts
        {
            AtMs = 0,
            OrderCount = 2,
            NetRevenue = double.PositiveInfinity,
            CartValue = double.NaN,
            DaysSinceLastOrder = double.NegativeInfinity,
            ExpectedGapDays = double.NaN,
            ChurnScore = double.PositiveInfinity,
            OverdueAtMs = long.MaxValue,
            InactiveAtMs = 253_402_300_800_000,
        };
        var e = new SegmentChangeEvent("id", "c1", new SegmentChange(Segment.Active, SegmentTransition.Entered, facts), SegmentSet.Of(Segment.Active), s_t0);

        using var json = JsonDocument.Parse(SegmentChangeJson.Encode(e));

        var written = json.RootElement.GetProperty("facts");
        Assert.Equal(StateLimits.MaxTotal, written.GetProperty("net_revenue").GetDouble());
        Assert.Equal(0, written.GetProperty("cart_value").GetDouble());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("days_since_last_order").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("overdue_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("inactive_at").ValueKind);
    }
}
