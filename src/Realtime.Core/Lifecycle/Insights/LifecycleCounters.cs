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
        var sums = CallSums.Start();
        Collect(sums.Add, before, after, oldSegments, newSegments, at);
        return sums.Values.Where(kv => kv.Value != 0).Select(kv => new CounterDelta(kv.Key, kv.Value)).ToList();
    }

    /// <summary>
    /// Adds <see cref="Delta"/>'s increments into <paramref name="into"/>, the same sums as adding its list there, without
    /// building the list: ingest calls this several times per event, and the per-call dictionary, list and closure were a
    /// sixth of the worker's allocations (docs/performance.md).
    /// </summary>
    public static void AccumulateDelta(
        Dictionary<string, double> into, LifecycleSnapshot before, LifecycleSnapshot after, SegmentSet oldSegments, SegmentSet newSegments, DateTimeOffset at)
    {
        var sums = CallSums.Start();
        Collect(sums.Add, before, after, oldSegments, newSegments, at);
        foreach (var (key, increment) in sums.Values)
        {
            if (increment != 0)
            {
                into[key] = into.GetValueOrDefault(key) + increment;
            }
        }
    }

    private static void Collect(
        Action<string, double> add, LifecycleSnapshot before, LifecycleSnapshot after, SegmentSet oldSegments, SegmentSet newSegments, DateTimeOffset at)
    {
        add(CounterKeys.Customers, (after.Known ? 1 : 0) - (before.Known ? 1 : 0));
        add(CounterKeys.Buyers, (after.OrderCount > 0 ? 1 : 0) - (before.OrderCount > 0 ? 1 : 0));
        // A standing contribution that is the same on both sides adds -x then +x to the same keys, which sums to exactly
        // zero and is left out: skipping the pair gives the same increments without building its keys (most calls
        // change one or two facts of a customer, and the ingest worker makes several calls per event).
        if (oldSegments != newSegments)
        {
            foreach (var s in oldSegments.ToList())
            {
                add(CounterKeys.Segment(s), -1);
            }

            foreach (var s in newSegments.ToList())
            {
                add(CounterKeys.Segment(s), 1);
            }
        }

        if (before.Rfm != after.Rfm)
        {
            if (before.Rfm is { } oldRfm)
            {
                add(CounterKeys.RfmRecency(oldRfm.LastOrderDay), -1);
                add(CounterKeys.RfmFrequency(oldRfm.FrequencyBucket), -1);
                add(CounterKeys.RfmMonetary(oldRfm.MonetaryBucket), -1);
            }

            if (after.Rfm is { } newRfm)
            {
                add(CounterKeys.RfmRecency(newRfm.LastOrderDay), 1);
                add(CounterKeys.RfmFrequency(newRfm.FrequencyBucket), 1);
                add(CounterKeys.RfmMonetary(newRfm.MonetaryBucket), 1);
            }
        }

        if (!SameChannelStanding(before, after))
        {
            AddChannel(add, before, -1);
            AddChannel(add, after, 1);
        }

        AddFlows(add, before, after, at);
        FunnelCounters.Add(add, before, after);
        AcquisitionCounters.Add(add, before, after, at);
    }

    /// <summary>One call's sums per key, reused by the thread's next call (a call is synchronous and never nested).</summary>
    private sealed class CallSums
    {
        [ThreadStatic]
        private static CallSums? s_current;

        private CallSums()
        {
            // Every increment is finite and bounded (Redis refuses HINCRBYFLOAT by infinity or NaN, and would fail the batch).
            Add = (key, increment) =>
            {
                increment = Saturating.Money(increment);
                if (increment != 0)
                {
                    Values[key] = Values.GetValueOrDefault(key) + increment;
                }
            };
        }

        public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

        public Action<string, double> Add { get; }

        public static CallSums Start()
        {
            var sums = s_current ??= new CallSums();
            sums.Values.Clear();
            return sums;
        }
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
