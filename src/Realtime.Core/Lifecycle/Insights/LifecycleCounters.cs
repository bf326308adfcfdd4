using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// The incremental bookkeeping behind the lifecycle summary and the RFM histograms, as a pure function: compare a
/// customer before and after one change (an event folded, or time moving its segments) and emit counter increments.
/// Every customer-level quantity is counted as "remove the old contribution, add the new one", so late events,
/// a channel learned after the first order, or a refund all keep the totals exact; dated counters record flows on
/// the day of <c>at</c>.
/// </summary>
public static class LifecycleCounters
{
    /// <summary>
    /// Increments that move the counters from <paramref name="before"/> to <paramref name="after"/>.
    /// <paramref name="at"/> is when the change happened (the event's <c>occurred_at</c>; for a time-driven segment
    /// change, the evaluation time). Keys repeat at most once; zero increments are left out.
    /// </summary>
    public static IReadOnlyList<CounterDelta> Delta(
        LifecycleSnapshot before, LifecycleSnapshot after, SegmentSet oldSegments, SegmentSet newSegments, DateTimeOffset at)
    {
        var deltas = new Dictionary<string, double>(StringComparer.Ordinal);

        // Every increment is finite and bounded (Redis refuses HINCRBYFLOAT by infinity or NaN, and would fail the batch).
        void Add(string key, double increment)
        {
            increment = Saturating.Money(increment);
            if (increment != 0)
            {
                deltas[key] = deltas.GetValueOrDefault(key) + increment;
            }
        }

        Add(CounterKeys.Customers, (after.Known ? 1 : 0) - (before.Known ? 1 : 0));
        Add(CounterKeys.Buyers, (after.OrderCount > 0 ? 1 : 0) - (before.OrderCount > 0 ? 1 : 0));
        // A standing contribution that is the same on both sides adds -x then +x to the same keys, which sums to exactly
        // zero and is left out: skipping the pair gives the same increments without building its keys (most calls
        // change one or two facts of a customer, and the ingest worker makes several calls per event).
        if (oldSegments != newSegments)
        {
            foreach (var s in oldSegments.ToList())
            {
                Add(CounterKeys.Segment(s), -1);
            }

            foreach (var s in newSegments.ToList())
            {
                Add(CounterKeys.Segment(s), 1);
            }
        }

        if (before.Rfm != after.Rfm)
        {
            if (before.Rfm is { } oldRfm)
            {
                Add(CounterKeys.RfmRecency(oldRfm.LastOrderDay), -1);
                Add(CounterKeys.RfmFrequency(oldRfm.FrequencyBucket), -1);
                Add(CounterKeys.RfmMonetary(oldRfm.MonetaryBucket), -1);
            }

            if (after.Rfm is { } newRfm)
            {
                Add(CounterKeys.RfmRecency(newRfm.LastOrderDay), 1);
                Add(CounterKeys.RfmFrequency(newRfm.FrequencyBucket), 1);
                Add(CounterKeys.RfmMonetary(newRfm.MonetaryBucket), 1);
            }
        }

        if (!SameChannelStanding(before, after))
        {
            AddChannel(Add, before, -1);
            AddChannel(Add, after, 1);
        }

        AddFlows(Add, before, after, at);
        FunnelCounters.Add(Add, before, after);
        AcquisitionCounters.Add(Add, before, after, at);
        return deltas.Select(kv => new CounterDelta(kv.Key, kv.Value)).Where(d => d.Increment != 0).ToList();
    }

    /// <summary>
    /// Increments that remove a customer's standing contribution (counts, segments, channel, RFM) when the customer is
    /// erased. Dated flows are left alone: the "after" side keeps the refunds and has no new orders, so none move.
    /// </summary>
    public static IReadOnlyList<CounterDelta> Forget(LifecycleSnapshot before, SegmentSet segments)
    {
        var gone = before with { Known = false, OrderCount = 0, RegisteredAtMs = 0, GrossRevenue = 0, Rfm = null, Clv = 0 };
        return Delta(before, gone, segments, default, DateTimeOffset.UnixEpoch);
    }

    // Everything AddChannel reads.
    private static bool SameChannelStanding(LifecycleSnapshot a, LifecycleSnapshot b) =>
        a.Known == b.Known && (!a.Known || (string.Equals(a.Channel, b.Channel, StringComparison.Ordinal)
            && a.AcquisitionCost.Equals(b.AcquisitionCost) && a.NetRevenue.Equals(b.NetRevenue) && a.Clv.Equals(b.Clv)));

    private static void AddChannel(Action<string, double> add, LifecycleSnapshot s, int sign)
    {
        if (!s.Known)
        {
            return;
        }

        add(CounterKeys.ChannelMeasure(s.Channel, "customers"), sign);
        add(CounterKeys.ChannelMeasure(s.Channel, "cac"), sign * s.AcquisitionCost);
        add(CounterKeys.ChannelMeasure(s.Channel, "revenue"), sign * s.NetRevenue);
        add(CounterKeys.ChannelMeasure(s.Channel, "clv"), sign * s.Clv);
    }

    // Flows are dated: they are what happened on the day of the change, not a customer's standing contribution.
    private static void AddFlows(Action<string, double> add, LifecycleSnapshot before, LifecycleSnapshot after, DateTimeOffset at)
    {
        var newOrders = after.OrderCount - before.OrderCount;
        var refunded = after.ReturnedAmount - before.ReturnedAmount;
        if (newOrders <= 0 && refunded == 0)
        {
            return; // the labels below are formatted only when a flow is counted
        }

        var day = CounterKeys.Day(at);
        if (newOrders > 0)
        {
            var week = CounterKeys.Week(at);
            add(CounterKeys.Orders(day), newOrders);
            var revenue = after.GrossRevenue - before.GrossRevenue;
            add(before.OrderCount == 0 ? CounterKeys.FirstOrderRevenue(day) : CounterKeys.ReturningRevenue(day), revenue);
            if (before.OrderCount == 0)
            {
                add(CounterKeys.NewCustomers(week), 1);
            }
            else if (before.LastOrderMs == 0 || CounterKeys.Week(DateTimeOffset.FromUnixTimeMilliseconds(before.LastOrderMs)) != week)
            {
                // Counted once per customer and week: a second repeat order in the same week adds nothing.
                add(CounterKeys.ReturningCustomers(week), 1);
            }
        }

        if (refunded != 0)
        {
            // A refund reduces the revenue of the customer's class: repeat buyers' refunds are returning revenue lost.
            add(after.OrderCount >= 2 ? CounterKeys.ReturningRevenue(day) : CounterKeys.FirstOrderRevenue(day), -refunded);
        }
    }
}
