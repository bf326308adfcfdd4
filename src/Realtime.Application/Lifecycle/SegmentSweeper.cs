using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Time-driven segment changes (a cart abandoned an hour ago, a customer overdue against its own rhythm): claims the
/// customers due now from the due index, evaluates each at now against its stored mask, publishes the changes (acks
/// awaited), reschedules, then writes the new mask only where the state has not moved on meanwhile, and moves the
/// segment counters for the masks written. The claim leases customers, so concurrent sweepers never take the same
/// one; a customer whose state moved under the sweep is re-read and corrected (bounded attempts).
/// </summary>
public sealed class SegmentSweeper(
    ICustomerStateStore store, ISegmentChangePublisher publisher, ILifecycleCounters counters, ISegmentSchedule schedule, LifecycleEvaluator evaluator)
{
    /// <summary>Re-reads of a customer whose state moved during the sweep before leaving it to the next tick.</summary>
    public const int MaxAttempts = 3;

    /// <summary>One sweep at <paramref name="now"/> over up to <paramref name="max"/> due customers.</summary>
    public async Task<SweepResult> SweepAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var pending = await schedule.ClaimDueAsync(now, max, lease, cancellationToken);
        var claimed = pending.Count;
        var published = new Dictionary<string, SegmentSet>(StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        int messages = 0, writes = 0;
        for (var attempt = 0; attempt < MaxAttempts && pending.Count > 0; attempt++)
        {
            var loaded = await store.LoadAsync(pending, cancellationToken);
            var outgoing = new List<SegmentChangeEvent>();
            var due = new List<SegmentDue>(pending.Count);
            var moves = new List<(CustomerState State, SegmentSet Stored, SegmentSet Now)>();
            foreach (var id in pending)
            {
                if (!loaded.TryGetValue(id, out var s))
                {
                    due.Add(new SegmentDue(id, null)); // forgotten meanwhile
                    continue;
                }

                var stored = SegmentSet.FromMask(s.SegmentMask);
                var (segments, facts) = evaluator.Evaluate(s, now);
                due.Add(new SegmentDue(id, SegmentEvaluator.NextTransitionAt(facts)));
                var source = $"sweep:{s.LastPartition}:{s.LastOffset}";
                if (published.TryGetValue(id, out var earlier))
                {
                    // Our earlier publication did not land in the state: bring consumers from it (and from what ingest published) to now.
                    outgoing.AddRange(SegmentChangeEvent.Corrections(id, earlier, stored, segments, facts, "fix:" + source, now));
                    published[id] = segments;
                }
                else if (segments != stored)
                {
                    outgoing.AddRange(SegmentChangeEvent.Of(id, stored, segments, facts, source, now));
                    published[id] = segments;
                }

                if (segments != stored)
                {
                    s.SegmentMask = segments.Mask;
                    moves.Add((s, stored, segments));
                }
            }

            await publisher.PublishAsync(outgoing, cancellationToken);
            messages += outgoing.Count;

            // Scheduled before the mask write: if ingest moves the state after this point the write below fails and the
            // retry reschedules from the fresh state, so a stale due time can never overwrite ingest's newer one.
            await schedule.ScheduleAsync(due, cancellationToken);
            var ok = moves.Count == 0 ? [] : await store.SaveSegmentMasksAsync(moves.Select(m => m.State).ToList(), cancellationToken);
            var retry = new List<string>();
            for (var i = 0; i < moves.Count; i++)
            {
                var (s, stored, segments) = moves[i];
                if (ok[i])
                {
                    writes++;
                    var snapshot = LifecycleSnapshot.Of(s);
                    LifecycleCounters.AccumulateDelta(sums, snapshot, snapshot, stored, segments, now);
                }
                else
                {
                    retry.Add(s.CustomerId);
                }
            }

            pending = retry;
        }

        await counters.ApplyAsync(LifecycleBatchWriter.ToDeltas(sums), cancellationToken);
        if (pending.Count > 0)
        {
            await schedule.ScheduleAsync(pending.Select(id => new SegmentDue(id, now)).ToList(), cancellationToken);
        }

        return new SweepResult(claimed, messages, writes);
    }
}
