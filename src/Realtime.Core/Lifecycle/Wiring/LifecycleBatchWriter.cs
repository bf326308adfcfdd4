using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Wiring;

/// <summary>
/// The lifecycle part of an ingest batch, around the state write: evaluate each changed customer's segments at now,
/// <b>publish</b> the changes and wait for the broker's acks, <b>write</b> the states (compare-and-set, with the new mask),
/// then, for the states actually written, <b>count</b> (one counter round trip) and <b>schedule</b> the next time-driven
/// change. Publishing before the write makes publication at-least-once: a crash after the publish and before the write
/// redelivers the batch, which publishes again (same change ids when the batch is the same); nothing is ever lost.
/// </summary>
public sealed class LifecycleBatchWriter(
    ICustomerStateStore store, ISegmentChangePublisher publisher, ILifecycleCounters counters, ISegmentSchedule schedule, LifecycleEvaluator evaluator)
{
    /// <summary>Writes the batch's changed states with their lifecycle bookkeeping; returns the states written.</summary>
    public async Task<IReadOnlyList<CustomerState>> WriteAsync(BatchResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = result.Changed.Values.ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        var published = new SegmentSet[changed.Count];
        var evaluated = new SegmentSet[changed.Count];
        var facts = new LifecycleFacts[changed.Count];
        var messages = new List<SegmentChangeEvent>();
        for (var i = 0; i < changed.Count; i++)
        {
            var s = changed[i];
            published[i] = SegmentSet.FromMask(result.Before[s.CustomerId]?.SegmentMask ?? 0);
            (evaluated[i], facts[i]) = evaluator.Evaluate(s, now);
            s.SegmentMask = evaluated[i].Mask;
            s.CountedClv = evaluator.Clv(s, now).Total;
            messages.AddRange(SegmentChangeEvent.Of(s.CustomerId, published[i], evaluated[i], facts[i], SourceOf(s), now));
        }

        await publisher.PublishAsync(messages, cancellationToken);
        var replaced = await store.SaveReportingMasksAsync(changed, cancellationToken);
        var written = new List<CustomerState>(changed.Count);
        var deltas = new Dictionary<string, double>(StringComparer.Ordinal);
        var corrections = new List<SegmentChangeEvent>();
        var due = new List<SegmentDue>(changed.Count);
        var applied = result.AppliedEvents.ToLookup(r => r.Event.CustomerId, StringComparer.Ordinal);
        for (var i = 0; i < changed.Count; i++)
        {
            if (replaced[i] < 0)
            {
                continue; // refused: a newer writer owns this customer, and its own batch does the bookkeeping
            }

            var s = changed[i];
            written.Add(s);
            var stored = SegmentSet.FromMask(replaced[i]);
            if (stored != published[i])
            {
                // A sweep moved the customer between our load and our write, and published from the same old mask.
                corrections.AddRange(SegmentChangeEvent.Corrections(s.CustomerId, stored, evaluated[i], evaluated[i], facts[i], "fix:" + SourceOf(s), now));
            }

            AddEventFlows(deltas, result.Before[s.CustomerId], applied[s.CustomerId], s.CustomerId);
            AddStanding(deltas, result.Before[s.CustomerId], s, stored, evaluated[i], now);
            due.Add(new SegmentDue(s.CustomerId, SegmentEvaluator.NextTransitionAt(facts[i])));
        }

        // After the write, so at-most-once under a crash right here; the race that needs it is itself rare.
        await publisher.PublishAsync(corrections, cancellationToken);
        await counters.ApplyAsync(ToDeltas(deltas), cancellationToken);
        await schedule.ScheduleAsync(due, cancellationToken);
        return written;
    }

    /// <summary>Counter increments as a list (zero sums left out).</summary>
    public static IReadOnlyCollection<CounterDelta> ToDeltas(Dictionary<string, double> sums) =>
        sums.Where(kv => kv.Value != 0).Select(kv => new CounterDelta(kv.Key, kv.Value)).ToList();

    /// <summary>Adds <paramref name="deltas"/> into the per-batch sums.</summary>
    public static void Accumulate(Dictionary<string, double> sums, IEnumerable<CounterDelta> deltas)
    {
        foreach (var d in deltas)
        {
            sums[d.Key] = sums.GetValueOrDefault(d.Key) + d.Increment;
        }
    }

    private static string SourceOf(CustomerState s) => $"{s.LastPartition}:{s.LastOffset}";

    // Dated flows (orders, first vs repeat revenue, new/returning customers per week) are counted event by event, on
    // each event's own day: a batch that replays history must not date every order of a customer on its last day,
    // nor count a first and a second order in one batch as one first order. The replay uses the same fold.
    private static void AddEventFlows(Dictionary<string, double> sums, CustomerState? before, IEnumerable<IngestRecord> records, string customerId)
    {
        var replay = before is null ? new CustomerState(customerId) : before.Clone();
        foreach (var record in records)
        {
            var a = LifecycleSnapshot.Of(replay);
            if (CustomerFold.TryApply(replay, record.Event))
            {
                Accumulate(sums, LifecycleCounters.Delta(a, LifecycleSnapshot.Of(replay), default, default, record.Event.OccurredAt));
            }
        }
    }

    // Segment membership and the channel's CLV are standing contributions: remove what this customer last added (the
    // stored mask and CountedClv, under its old channel) and add the new ones.
    private static void AddStanding(Dictionary<string, double> sums, CustomerState? before, CustomerState after, SegmentSet stored, SegmentSet now, DateTimeOffset at)
    {
        if (before is not null)
        {
            Accumulate(sums, LifecycleCounters.Delta(LifecycleSnapshot.Of(before, before.CountedClv), LifecycleSnapshot.Of(before), stored, default, at));
        }
        else if (!stored.IsEmpty)
        {
            Accumulate(sums, LifecycleCounters.Delta(LifecycleSnapshot.Of(after), LifecycleSnapshot.Of(after), stored, default, at));
        }

        Accumulate(sums, LifecycleCounters.Delta(LifecycleSnapshot.Of(after), LifecycleSnapshot.Of(after, after.CountedClv), default, now, at));
    }
}
