using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// One batch's lifecycle work around its state write, as steps that can each be retried: <see cref="PublishAsync"/>
/// (segment changes, acks awaited), <see cref="SaveAsync"/> (states, compare-and-set, with the new masks) and
/// <see cref="BookkeepAsync"/> (race corrections, counters, due times). A step that completed is never run again, so
/// a batch retried after a Redis blip in its counters does not publish or count twice, and a batch whose state write
/// succeeded still gets its bookkeeping on the retry. Everything the steps send is computed here, once, from the fold's result.
/// </summary>
public sealed class LifecycleBatch
{
    private readonly ICustomerStateStore _store;
    private readonly ISegmentChangePublisher _publisher;
    private readonly ILifecycleCounters _counters;
    private readonly ISegmentSchedule _schedule;
    private readonly BatchResult _result;
    private readonly DateTimeOffset _now;
    private readonly List<CustomerState> _changed;
    private readonly SegmentSet[] _published;
    private readonly SegmentSet[] _evaluated;
    private readonly LifecycleFacts[] _facts;
    private readonly List<SegmentChangeEvent> _messages = [];
    private readonly string _writer;
    private readonly long _writerToken = Random.Shared.NextInt64(1, long.MaxValue);
    private bool _publishDone;
    private List<CustomerState>? _written;
    private readonly List<SegmentChangeEvent> _corrections = [];
    private IReadOnlyCollection<CounterDelta> _deltas = [];
    private readonly List<SegmentDue> _due = [];
    private bool _correctionsDone;
    private bool _countersDone;
    private bool _scheduleDone;

    internal LifecycleBatch(
        ICustomerStateStore store, ISegmentChangePublisher publisher, ILifecycleCounters counters, ISegmentSchedule schedule,
        LifecycleEvaluator evaluator, string writer, BatchResult result, DateTimeOffset now)
    {
        (_store, _publisher, _counters, _schedule, _writer, _result, _now) = (store, publisher, counters, schedule, writer, result, now);
        _changed = [.. result.Changed.Values];
        _published = new SegmentSet[_changed.Count];
        _evaluated = new SegmentSet[_changed.Count];
        _facts = new LifecycleFacts[_changed.Count];
        for (var i = 0; i < _changed.Count; i++)
        {
            var s = _changed[i];
            _published[i] = SegmentSet.FromMask(result.Before[s.CustomerId]?.SegmentMask ?? 0);
            (_evaluated[i], _facts[i]) = evaluator.Evaluate(s, now);
            s.SegmentMask = _evaluated[i].Mask;
            s.CountedClv = evaluator.Clv(s, now).Total;
            _messages.AddRange(SegmentChangeEvent.Of(s.CustomerId, _published[i], _evaluated[i], _facts[i], SourceOf(s), now));
        }
    }

    /// <summary>The states the compare-and-set accepted (empty until <see cref="SaveAsync"/> completed).</summary>
    public IReadOnlyList<CustomerState> Written => _written ?? [];

    /// <summary>Whether the state write completed (then retries go straight to the bookkeeping).</summary>
    public bool Saved => _written is not null;

    /// <summary>
    /// Publishes the segment changes and waits for the broker's acks, before the write: publication is at-least-once
    /// (a crash after the publish and before the write redelivers the batch, which publishes the same change ids again).
    /// </summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!_publishDone)
        {
            await _publisher.PublishAsync(_messages, cancellationToken);
            _publishDone = true;
        }
    }

    /// <summary>
    /// Writes the states (compare-and-set) and derives, for those written, the bookkeeping that follows. Safe to repeat
    /// after a failure: a state this batch's earlier try wrote is recognised by its writer token, not taken for a newer writer's.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_written is not null || _changed.Count == 0)
        {
            _written ??= [];
            return;
        }

        var replaced = await _store.SaveReportingMasksAsync(_changed, _writerToken, cancellationToken);
        var written = new List<CustomerState>(_changed.Count);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < _changed.Count; i++)
        {
            if (replaced[i] == -1)
            {
                continue; // refused: a newer writer owns this customer, and its own batch does the bookkeeping
            }

            var s = _changed[i];
            written.Add(s);
            // Our own earlier try wrote it: what it replaced is unknown now; take the mask we published from.
            var stored = replaced[i] == ICustomerStateStore.WrittenByThisWriter ? _published[i] : SegmentSet.FromMask(replaced[i]);
            if (stored != _published[i])
            {
                // A sweep moved the customer between our load and our write, and published from the same old mask.
                _corrections.AddRange(SegmentChangeEvent.Corrections(s.CustomerId, stored, _evaluated[i], _evaluated[i], _facts[i], "fix:" + SourceOf(s), _now));
            }

            AddEventFlows(sums, _result.StepsOf(s.CustomerId));
            AddStanding(sums, _result.Before[s.CustomerId], s, stored, _evaluated[i], _now);
            _due.Add(new SegmentDue(s.CustomerId, SegmentEvaluator.NextTransitionAt(_facts[i])));
        }

        _deltas = LifecycleBatchWriter.ToDeltas(sums);
        _written = written;
    }

    /// <summary>
    /// Corrections, counters (at most once per batch: the counter store guards them with this batch's token) and due
    /// times. After the write, so at-most-once under a crash right here (bounded by one batch; docs/reliability.md).
    /// </summary>
    public async Task BookkeepAsync(CancellationToken cancellationToken)
    {
        if (!_correctionsDone)
        {
            await _publisher.PublishAsync(_corrections, cancellationToken);
            _correctionsDone = true;
        }

        if (!_countersDone)
        {
            await _counters.ApplyOnceAsync(_writer, _writerToken, _deltas, cancellationToken);
            _countersDone = true;
        }

        if (!_scheduleDone)
        {
            await _schedule.ScheduleAsync(_due, cancellationToken);
            _scheduleDone = true;
        }
    }

    private static string SourceOf(CustomerState s) => $"{s.LastPartition}:{s.LastOffset}";

    // Dated flows (orders, first vs repeat revenue, new/returning customers per week) are counted event by event, on
    // each event's own day: a batch that replays history must not date every order of a customer on its last day,
    // nor count a first and a second order in one batch as one first order. The fold's steps carry each event's states.
    private static void AddEventFlows(Dictionary<string, double> sums, IReadOnlyList<AppliedStep> steps)
    {
        foreach (var step in steps)
        {
            LifecycleCounters.AccumulateDelta(
                sums, LifecycleSnapshot.Of(step.Before), LifecycleSnapshot.Of(step.After), default, default, step.Record.Event.OccurredAt);
        }
    }

    // Segment membership and the channel's CLV are standing contributions: remove what this customer last added (the
    // stored mask and CountedClv, under its old channel) and add the new ones.
    private static void AddStanding(Dictionary<string, double> sums, CustomerState? before, CustomerState after, SegmentSet stored, SegmentSet now, DateTimeOffset at)
    {
        if (before is not null)
        {
            LifecycleCounters.AccumulateDelta(sums, LifecycleSnapshot.Of(before, before.CountedClv), LifecycleSnapshot.Of(before), stored, default, at);
        }
        else if (!stored.IsEmpty)
        {
            LifecycleCounters.AccumulateDelta(sums, LifecycleSnapshot.Of(after), LifecycleSnapshot.Of(after), stored, default, at);
        }

        LifecycleCounters.AccumulateDelta(sums, LifecycleSnapshot.Of(after), LifecycleSnapshot.Of(after, after.CountedClv), default, now, at);
    }
}
