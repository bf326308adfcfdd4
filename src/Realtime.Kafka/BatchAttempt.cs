using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Realtime.Application.Lifecycle;
using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Kafka;

/// <summary>
/// One batch (or, while isolating a failure, one part of it) on its way through ingest, as resumable steps: decode →
/// load states and watermarks → fold → publish segment changes → write states, then the watermark → counters and due
/// times beside the batch effects → dead letters. Each step runs once: a transient failure retries <see cref="RunAsync"/>, which
/// skips what completed, so a batch retried after its state write still gets its counters, item statistics and dead
/// letters exactly once, and nothing is published or counted twice.
/// </summary>
internal sealed class BatchAttempt
{
    private readonly IngestPorts _ports;
    private readonly IReadOnlyList<ConsumeResult<string?, byte[]?>> _messages;
    private readonly StoreRegressions _regressed;
    private readonly IReadOnlyDictionary<int, long> _expectedFirst;
    private readonly DateTimeOffset _now;
    private readonly List<IngestRecord> _records = [];
    private readonly List<(CustomerEvent Event, int Partition)> _catalog = [];
    private readonly List<(ConsumeResult<string?, byte[]?> Record, string Reason)> _rejected = [];
    private readonly TaskCompletionSource<BatchResult> _folded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyDictionary<string, CustomerState>? _overlay;
    private Dictionary<int, long> _first = [];
    private BatchResult? _result;
    private LifecycleBatch? _lifecycle;
    private List<AppliedRange>? _ranges;
    private bool _watermarkDone;
    private static readonly ConcurrentDictionary<Type, string> s_effectStages = new();
    private readonly bool[] _effectsDone;
    private bool _deadLettersDone;

    /// <param name="ports">What the steps talk to.</param>
    /// <param name="messages">The records, in log order per partition.</param>
    /// <param name="regressed">Partitions found behind in the store, shared by a batch's parts: their records are left for the re-read, and this attempt adds those it finds.</param>
    /// <param name="expectedFirst">Per partition, the offset the store should hold when it is not the first record's (after a seek back past records the topic no longer has).</param>
    /// <param name="now">The processing time.</param>
    /// <param name="overlay">
    /// For a batch prepared while the previous one is still being written (pipelining): that batch's post-states, used
    /// instead of the store's for the customers in both. The watermark check waits for <see cref="RunAsync"/>, which
    /// the worker calls only once the previous batch completed with every state written.
    /// </param>
    public BatchAttempt(
        IngestPorts ports, IReadOnlyList<ConsumeResult<string?, byte[]?>> messages, StoreRegressions regressed, IReadOnlyDictionary<int, long> expectedFirst,
        DateTimeOffset now, IReadOnlyDictionary<string, CustomerState>? overlay = null)
    {
        (_ports, _messages, _regressed, _expectedFirst, _now, _overlay) = (ports, messages, regressed, expectedFirst, now, overlay);
        _effectsDone = new bool[ports.Effects.Count];
        var started = Stopwatch.GetTimestamp();
        foreach (var message in messages)
        {
            var decoded = EventDecoder.Decode(message.Message.Headers, message.Message.Value, now, ports.MaxFutureSkew);
            if (decoded.Event is null)
            {
                _rejected.Add((message, decoded.Error!));
            }
            else if (decoded.Event.Type is EventType.ProductUpserted or EventType.MarketingSpend)
            {
                // Not a customer's event: catalog facts and marketing spend go to the batch effects, not the fold.
                _catalog.Add((decoded.Event, message.Partition.Value));
            }
            else
            {
                _records.Add(new IngestRecord(decoded.Event, message.Partition.Value, message.Offset.Value));
            }
        }

        Timed("decode", started);
    }

    /// <summary>Whether the states were written (a failure after that is not worth splitting the batch for: the rest is bookkeeping).</summary>
    public bool Saved => _lifecycle?.Saved == true;

    /// <summary>The fold's result, once there is one (what a batch prepared behind this one folds on).</summary>
    public Task<BatchResult> Folded => _folded.Task;

    /// <summary>Whether every changed state was accepted (no compare-and-set refused): the post-states are the stored ones.</summary>
    public bool AllWritten => _lifecycle is { Saved: true } l && _result is { } r && l.Written.Count == r.Changed.Count;

    /// <summary>Loads and folds, no writes: the part of a batch that may run while the previous batch is written.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_result is null)
        {
            await LoadAndFoldAsync(cancellationToken);
        }
    }

    /// <summary>Runs the steps not completed yet.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_result is null)
        {
            await LoadAndFoldAsync(cancellationToken);
        }

        if (_overlay is not null)
        {
            // Prepared behind the previous batch, which is complete now: check the watermarks it could not. A store
            // that went backwards meanwhile means the overlay is not what it holds: fold again from the store.
            var held = await _ports.Watermarks.ReadAsync(_ports.Topic, _first.Keys, cancellationToken);
            _overlay = null;
            if (held.Any(kv => kv.Value < _first[kv.Key]))
            {
                _result = null;
                await LoadAndFoldAsync(cancellationToken);
            }
        }

        var started = Stopwatch.GetTimestamp();
        await _lifecycle!.PublishAsync(cancellationToken);
        started = Timed("publish", started);
        if (!_watermarkDone)
        {
            // Issued back to back on one connection: Redis runs (and its AOF logs) the watermark after the states.
            var save = _lifecycle.SaveAsync(cancellationToken);
            var watermark = _ports.Watermarks.AdvanceAsync(_ports.Topic, _ranges!, cancellationToken);
            await save;
            RememberWritten();
            foreach (var r in await watermark)
            {
                // The states of this attempt are written (newer than what the store held, and correct); the events
                // between the store's watermark and this attempt are what it lost: re-read them.
                _regressed.Add(r);
            }

            _watermarkDone = true;
        }

        started = Timed("save", started);
        // The bookkeeping and the effects write disjoint keys and read only this batch's fold and written states, so
        // they go out side by side: their round trips overlap instead of adding up on the batch's path (stage
        // timings "bookkeep" and "effects" therefore overlap). Each still completes once: a retry runs only the
        // steps and effects that did not.
        await Task.WhenAll(BookkeepAsync(started, cancellationToken), ApplyEffectsAsync(started, cancellationToken));
        started = Stopwatch.GetTimestamp();

        if (!_deadLettersDone)
        {
            await _ports.DeadLetters.PublishAsync(_rejected, cancellationToken);
            _deadLettersDone = true;
            CountOutcomes();
        }

        Timed("dead_letters", started);
    }

    private async Task BookkeepAsync(long started, CancellationToken cancellationToken)
    {
        await _lifecycle!.BookkeepAsync(cancellationToken);
        Timed("bookkeep", started);
    }

    private async Task ApplyEffectsAsync(long started, CancellationToken cancellationToken)
    {
        if (_ports.Effects.Count > 0)
        {
            var context = new BatchEffectContext(_result!, _lifecycle!.Written, _catalog.ConvertAll(c => c.Event), _now);
            await Task.WhenAll(_ports.Effects.Select((effect, i) => _effectsDone[i] ? Task.CompletedTask : ApplyOnceAsync(effect, i)));

            async Task ApplyOnceAsync(IBatchEffect effect, int index)
            {
                await effect.ApplyAsync(context, cancellationToken);
                _effectsDone[index] = true;
                Timed(EffectStage(effect), started);
            }
        }

        Timed("effects", started);
    }

    // "effect_trigger_ingest" for TriggerIngestEffect: which effect is the batch's longest.
    private static string EffectStage(IBatchEffect effect) => s_effectStages.GetOrAdd(
        effect.GetType(), t => "effect_" + string.Concat(t.Name.Replace("Effect", "", StringComparison.Ordinal)
            .Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));

    private async Task LoadAndFoldAsync(CancellationToken cancellationToken)
    {
        var first = new Dictionary<int, long>();
        var next = new Dictionary<int, long>();
        foreach (var m in _messages)
        {
            var p = m.Partition.Value;
            first[p] = Math.Min(first.GetValueOrDefault(p, long.MaxValue), m.Offset.Value);
            next[p] = Math.Max(next.GetValueOrDefault(p), m.Offset.Value + 1);
        }

        foreach (var (p, expected) in _expectedFirst)
        {
            if (first.TryGetValue(p, out var f))
            {
                first[p] = Math.Min(f, expected);
            }
        }

        _first = first;
        var ids = new List<string>(_records.Count);
        var seen = new HashSet<string>(_records.Count, StringComparer.Ordinal);
        foreach (var r in _records)
        {
            if (seen.Add(r.Event.CustomerId) && _overlay?.ContainsKey(r.Event.CustomerId) != true)
            {
                ids.Add(r.Event.CustomerId);
            }
        }

        var started = Stopwatch.GetTimestamp();
        // The reads go out together: one round trip (plus one for customers whose held state turned out stale).
        var (cached, missing) = _ports.Cache.Lookup(ids);
        var heldTask = _overlay is null
            ? _ports.Watermarks.ReadAsync(_ports.Topic, first.Keys, cancellationToken)
            : Task.FromResult<IReadOnlyDictionary<int, long>>(new Dictionary<int, long>());
        var loadedTask = LoadAsync(missing, cancellationToken);
        var positionsTask = cached.Count == 0 || _ports.Positions is null
            ? Task.FromResult<IReadOnlyDictionary<string, StoredPosition>>(new Dictionary<string, StoredPosition>())
            : _ports.Positions.ReadPositionsAsync([.. cached.Keys], cancellationToken);
        var held = await heldTask;
        var loaded = new Dictionary<string, CustomerState>(await loadedTask, StringComparer.Ordinal);
        var positions = await positionsTask;
        var stale = new List<string>();
        foreach (var (id, state) in cached)
        {
            if (positions.TryGetValue(id, out var stored) && stored == new StoredPosition(state.LastPartition, state.LastOffset, state.SegmentMask))
            {
                loaded[id] = state;
            }
            else
            {
                stale.Add(id); // moved on by another writer or a sweep, erased, or lost by the store: the store's copy wins
            }
        }

        if (stale.Count > 0)
        {
            _ports.Cache.Remove(stale);
            foreach (var (id, state) in await LoadAsync(stale, cancellationToken))
            {
                loaded[id] = state;
            }
        }

        KafkaMetrics.StateCache.WithLabels("hit").Inc(cached.Count - stale.Count);
        KafkaMetrics.StateCache.WithLabels("miss").Inc(missing.Count);
        KafkaMetrics.StateCache.WithLabels("stale").Inc(stale.Count);
        _ports.Cache.Put(missing.Concat(stale).Where(loaded.ContainsKey).Select(id => loaded[id]));
        foreach (var (id, state) in _overlay ?? new Dictionary<string, CustomerState>())
        {
            if (seen.Contains(id))
            {
                loaded[id] = state;
            }
        }
        foreach (var (p, offset) in held)
        {
            if (offset < first[p])
            {
                // The store holds less than the group already read past: it went backwards. Leave this partition's
                // records for the re-read from what the store really holds.
                _regressed.Add(new WatermarkRegression(p, offset));
            }
        }

        if (_regressed.Count > 0)
        {
            _ports.Cache.Clear(); // what was held may be newer than the store now: start again from its copy
            _records.RemoveAll(r => _regressed.Contains(r.Partition));
            _catalog.RemoveAll(c => _regressed.Contains(c.Partition));
            _rejected.RemoveAll(r => _regressed.Contains(r.Record.Partition.Value));
        }

        _ranges = [.. first.Keys.Where(p => !_regressed.Contains(p)).Select(p => new AppliedRange(p, first[p], next[p]))];
        if (_ports.FailOnEventIdPrefix.Length > 0)
        {
            foreach (var r in _records)
            {
                if (r.Event.EventId.StartsWith(_ports.FailOnEventIdPrefix, StringComparison.Ordinal))
                {
                    throw new InjectedFaultException($"fault injected on event {r.Event.EventId[..Math.Min(64, r.Event.EventId.Length)]} (Ingest:FailOnEventIdPrefix)");
                }
            }
        }

        started = Timed("load", started);
        _result = BatchFolder.Fold(_records, loaded, _ports.HistoryMaxProducts);
        _lifecycle = _ports.Lifecycle.Prepare(_result, _now);
        _folded.TrySetResult(_result);
        Timed("fold", started);
    }

    private Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(List<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.FromResult<IReadOnlyDictionary<string, CustomerState>>(new Dictionary<string, CustomerState>()) : _ports.Store.LoadWithHistoryAsync(ids, cancellationToken);

    // Accepted states are now the stored ones; a refused one means another writer moved the customer on.
    private void RememberWritten()
    {
        var written = _lifecycle!.Written;
        _ports.Cache.Put(written);
        if (written.Count < _result!.Changed.Count)
        {
            var accepted = written.Select(w => w.CustomerId).ToHashSet(StringComparer.Ordinal);
            _ports.Cache.Remove(_result.Changed.Keys.Where(id => !accepted.Contains(id)));
        }
    }

    // Observes a step's time and returns now, the next step's start.
    private static long Timed(string stage, long started)
    {
        var now = Stopwatch.GetTimestamp();
        KafkaMetrics.Stage.WithLabels(stage).Observe(Stopwatch.GetElapsedTime(started, now).TotalSeconds);
        return now;
    }

    private void CountOutcomes()
    {
        foreach (var (record, _) in _rejected)
        {
            KafkaMetrics.Events.WithLabels(EventDecoder.RejectedTypeLabel(record.Message.Headers, record.Message.Value), "rejected").Inc();
        }

        foreach (var (e, _) in _catalog)
        {
            KafkaMetrics.Events.WithLabels(e.Type.ToWireName(), "applied").Inc();
        }

        foreach (var ((type, outcome), count) in _result!.Outcomes)
        {
            KafkaMetrics.Events.WithLabels(type.ToWireName(), outcome.ToString().ToLowerInvariant()).Inc(count);
        }
    }
}

/// <summary>Thrown by <see cref="IngestOptions.FailOnEventIdPrefix"/>: stands for an engine bug on one valid event.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
