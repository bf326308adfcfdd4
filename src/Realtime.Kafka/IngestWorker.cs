using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Realtime.Application.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Kafka;

/// <summary>
/// Consumes <c>realtime.events</c> in group <c>realtime-ingest</c> and folds events into customer state, one batch at a
/// time (the steps are in <see cref="BatchAttempt"/>); offsets are committed only after the batch's writes, so a crash
/// redelivers at most the last batch, and the stored (partition, offset) per customer makes the redelivery harmless.
/// <list type="bullet">
/// <item>A <b>transient</b> failure (Redis or broker unreachable, a timeout: <see cref="ITransientFailures"/>) retries the
/// failed step with jittered exponential backoff. While it waits, the consumer pauses its partitions and keeps polling,
/// so it stays in the group however long the outage lasts.</item>
/// <item>Any <b>other</b> failure (an engine bug on one event, a script error) splits the batch in halves until the record
/// that fails alone is found; that record is dead-lettered with <c>dlq.reason</c> = <c>engine: Type: message</c> and the
/// partition goes on. So does a transient failure that outlasts its budget on one record while Redis and the broker are healthy.</item>
/// <item>A store that <b>went backwards</b> (its applied watermark is behind what the group read) makes the worker seek
/// the partition back to what the store holds and re-apply from there.</item>
/// </list>
/// On shutdown the batch in flight is finished and committed, then the consumer leaves the group cleanly.
/// </summary>
public sealed partial class IngestWorker : BackgroundService
{
    private const string DependencyTag = "dependency";
    private static readonly TimeSpan s_lagRefresh = TimeSpan.FromSeconds(1);

    private readonly KafkaBroker _broker;
    private readonly KafkaOptions _options;
    private readonly IngestOptions _ingest;
    private readonly IngestStatus _status;
    private readonly IngestPorts _ports;
    private readonly ITransientFailures[] _classifiers;
    private readonly HealthCheckService? _health;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestWorker> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly OwnedStateCache _cache;

    // Consumer-thread state.
    private readonly Dictionary<TopicPartition, Offset> _pendingCommit = [];
    private readonly List<ConsumeResult<string?, byte[]?>> _carry = [];
    private readonly Dictionary<int, long> _soughtTo = [];
    private readonly Dictionary<TopicPartition, long> _nextToProcess = [];
    private readonly Dictionary<TopicPartition, long> _inFlightFirst = [];
    private DateTime? _inFlightOldest;
    private PrefetchedBatch? _prefetch;
    private bool _lastBatchFull;
    private volatile BatchAttempt? _runningWhole; // the current batch's whole-batch attempt (what a prefetched batch folds on); null until it exists
    private volatile bool _batchDisturbed; // split, retried or revoked while in flight: a prefetched preparation is not trusted
    private int _pendingEvents;
    private bool _paused;
    private long _lagRefreshedAt;

    // Set by the retry strategy (pool threads), read by the consumer thread.
    private volatile bool _retrying;

    public IngestWorker(
        KafkaBroker broker,
        IOptions<KafkaOptions> options,
        IOptions<IngestOptions> ingest,
        ICustomerStateStore store,
        IAppliedWatermarks watermarks,
        DeadLetterPublisher deadLetters,
        IngestStatus status,
        IEnumerable<IBatchEffect> effects,
        IEnumerable<ITransientFailures> classifiers,
        LifecycleBatchWriter lifecycle,
        TimeProvider clock,
        ILogger<IngestWorker> logger,
        HealthCheckService? health = null,
        IOptions<PurchaseHistoryOptions>? history = null)
    {
        (_broker, _options, _ingest, _status, _clock, _logger, _health) = (broker, options.Value, ingest.Value, status, clock, logger, health);
        _classifiers = [.. classifiers];
        // Without a way to check a held state against the store, holding it could hide another writer: no cache then.
        _cache = new OwnedStateCache(store is IStoredPositions ? _ingest.StateCacheCapacity : 0);
        _ports = new IngestPorts(_options.EventsTopic, store, watermarks, lifecycle, [.. effects], deadLetters, _ingest.MaxFutureSkew, _ingest.FailOnEventIdPrefix,
            _cache, store as IStoredPositions, history?.Value.MaxProducts ?? PurchaseProfile.DefaultMaxProducts);
        // Backoff waits on real time, not the injected business clock (a test's clock standing still must not freeze retries).
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && TransientReason(ex) is not null),
                MaxRetryAttempts = _ingest.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = _ingest.MaxRetryDelay,
                OnRetry = args =>
                {
                    _retrying = true;
                    var reason = TransientReason(args.Outcome.Exception!)!;
                    KafkaMetrics.Retries.WithLabels(reason).Inc();
                    LogRetrying(_logger, reason, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception!.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    // Consume() blocks; give the loop its own thread rather than holding a pool thread hostage.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(_broker.ConsumerConfig(_options.GroupId))
            .SetErrorHandler((_, e) => LogKafkaError(_logger, e.Reason))
            .SetPartitionsAssignedHandler((_, parts) =>
            {
                _status.Assigned(parts.Select(p => p.Partition.Value));
                LogAssigned(_logger, parts.Count);
            })
            .SetPartitionsRevokedHandler((_, parts) => Forget(parts.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, parts) => Forget(parts.Select(p => p.TopicPartition)))
            .Build();
        consumer.Subscribe(_options.EventsTopic);
        LogStarted(_logger, _options.EventsTopic, _options.GroupId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var prefetched = _prefetch;
                _prefetch = null;
                var batch = prefetched?.Records ?? NextBatch(consumer, stoppingToken);
                if (batch.Count == 0)
                {
                    CommitPending(consumer); // an idle stream still retries a commit a rebalance refused
                    _status.Progressed(); // caught up: nothing waits
                    ReportLag(consumer, force: false);
                    continue;
                }

                var expectedFirst = prefetched?.Prepared is null ? ExpectedFirstOffsets(batch) : new Dictionary<int, long>();
                MarkInFlight(batch);
                _lastBatchFull = batch.Count >= _options.MaxBatchSize;
                _batchDisturbed = false;
                // Cleared before the batch starts: a prefetch must never fold on the previous batch's states.
                _runningWhole = null;
                var run = ProcessBatchAsync(batch, expectedFirst, prefetched, stoppingToken);
                Pump(consumer, run);
                if (run.IsCanceled || (run.IsFaulted && stoppingToken.IsCancellationRequested))
                {
                    break; // not committed: the batch is redelivered to whoever owns the partitions next
                }

                if (run.IsFaulted)
                {
                    // A bug in this loop itself, not in a record (those are isolated inside): keep the batch and try again.
                    LogLoopFailed(_logger, run.Exception!.GetBaseException());
                    DiscardPrefetch();
                    _carry.InsertRange(0, batch);
                    stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                    continue;
                }

                if (_batchDisturbed || run.Result.Count > 0 || _runningWhole is not { AllWritten: true } whole || _prefetch?.Basis is { } basis && basis != whole)
                {
                    DiscardPrefetch(); // before Complete, which drops the records of a regressed partition from the queue
                }

                Complete(consumer, batch, run.Result);
            }
        }
        finally
        {
            // Leave the group now instead of letting the session time out, so partitions move at once.
            consumer.Close();
            LogStopped(_logger);
        }
    }

    private List<ConsumeResult<string?, byte[]?>> NextBatch(IConsumer<string?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        var max = BatchLimit();
        var batch = new List<ConsumeResult<string?, byte[]?>>(max);
        if (_carry.Count > 0)
        {
            // Records polled while a batch waited out an outage come first (their partitions were paused right after).
            var take = Math.Min(_carry.Count, max);
            batch.AddRange(_carry.GetRange(0, take));
            _carry.RemoveRange(0, take);
            return batch;
        }

        var first = Consume(consumer, TimeSpan.FromMilliseconds(100));
        if (first is null)
        {
            return batch;
        }

        batch.Add(first);
        var deadline = _clock.GetTimestamp() + (_options.MaxBatchWaitMs * _clock.TimestampFrequency / 1000);
        while (batch.Count < max && !stoppingToken.IsCancellationRequested)
        {
            var left = Math.Max(0, (deadline - _clock.GetTimestamp()) * 1000 / _clock.TimestampFrequency);
            var next = Consume(consumer, TimeSpan.FromMilliseconds(left));
            if (next is null)
            {
                break;
            }

            batch.Add(next);
        }

        return batch;
    }

    private ConsumeResult<string?, byte[]?>? Consume(IConsumer<string?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            LogKafkaError(_logger, ex.Error.Reason);
            return null;
        }
    }

    /// <summary>
    /// Waits for the batch on the consumer thread. Once a step is being retried, pauses every assigned partition and
    /// keeps polling: the member stays in the group (max.poll.interval.ms) and sees rebalances, and the lag gauges keep
    /// reading the broker. A record that still arrives (from a partition assigned meanwhile) is kept for the next batch.
    /// </summary>
    private void Pump(IConsumer<string?, byte[]?> consumer, Task run)
    {
        var done = ((IAsyncResult)run).AsyncWaitHandle;
        var wait = TimeSpan.Zero; // start prefetching at once: a small batch may be done long before 50 ms
        while (!done.WaitOne(wait))
        {
            if (_retrying && !_paused)
            {
                _batchDisturbed = true;
                consumer.Pause(consumer.Assignment);
                _paused = true;
            }

            wait = !_paused && Prefetch(consumer) ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(50);

            if (_paused && Consume(consumer, TimeSpan.Zero) is { } early)
            {
                _carry.Add(early);
                consumer.Pause([early.TopicPartition]);
            }

            ReportLag(consumer, force: false);
        }

        if (_paused)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
        }

        _retrying = false;
    }

    /// <summary>
    /// Pipelining: while the current batch runs, consumes the next one (without waiting for records), and once the
    /// current one has folded, starts preparing the next on its post-states. Returns whether there is more to do soon
    /// (the next batch is not full, or waits for the current one's fold): then the caller polls again in a millisecond. Nothing is prefetched while records wait in the carry (they come
    /// first) or a seek back is pending.
    /// </summary>
    private bool Prefetch(IConsumer<string?, byte[]?> consumer)
    {
        if (!_ingest.PipelineBatches || _batchDisturbed || _carry.Count > 0 || _soughtTo.Count > 0)
        {
            return false;
        }

        _prefetch ??= new PrefetchedBatch();
        if (_prefetch.Prepared is not null)
        {
            return false;
        }

        var max = BatchLimit();
        while (_prefetch.Records.Count < max && Consume(consumer, TimeSpan.Zero) is { } next)
        {
            _prefetch.Records.Add(next);
        }

        if (_prefetch.Records.Count > 0 && _runningWhole is { Folded.IsCompletedSuccessfully: true } running)
        {
            var (records, regressions, basis, now) = (_prefetch.Records.ToList(), _prefetch.Regressions, running.Folded.Result.Changed, _clock.GetUtcNow());
            _prefetch.Prepare(running, () => new BatchAttempt(_ports, records, regressions, new Dictionary<int, long>(), now, basis));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Records per batch: <c>Kafka:MaxBatchSize</c>, or <c>Ingest:BacklogBatchSize</c> while the previous batch came full
    /// (a backlog: per-batch round trips and acks then cost less per event; a caught-up stream keeps small batches and
    /// their latency).
    /// </summary>
    private int BatchLimit() =>
        _lastBatchFull ? Math.Max(_options.MaxBatchSize, _ingest.BacklogBatchSize) : _options.MaxBatchSize;

    /// <summary>Puts the prefetched records back at the front of the queue; their preparation (if any) is dropped.</summary>
    private void DiscardPrefetch()
    {
        if (_prefetch is { } p)
        {
            _prefetch = null;
            _carry.InsertRange(0, p.Records);
        }
    }

    private async Task<StoreRegressions> ProcessBatchAsync(
        List<ConsumeResult<string?, byte[]?>> batch, IReadOnlyDictionary<int, long> expectedFirst, PrefetchedBatch? prefetched, CancellationToken stoppingToken)
    {
        var started = _clock.GetTimestamp();
        var prepared = prefetched is null ? null : await prefetched.PreparedOrNullAsync();
        var regressions = prepared is null ? new StoreRegressions() : prefetched!.Regressions;
        await ProcessPartAsync(batch, regressions, expectedFirst, stoppingToken, prepared);
        KafkaMetrics.BatchSize.Observe(batch.Count);
        KafkaMetrics.BatchDuration.Observe(_clock.GetElapsedTime(started).TotalSeconds);
        return regressions;
    }

    private async Task ProcessPartAsync(
        List<ConsumeResult<string?, byte[]?>> part, StoreRegressions regressions,
        IReadOnlyDictionary<int, long> expectedFirst, CancellationToken stoppingToken, BatchAttempt? prepared = null, bool whole = true)
    {
        BatchAttempt? attempt = prepared;
        while (true)
        {
            try
            {
                attempt ??= new BatchAttempt(_ports, part, regressions, expectedFirst, _clock.GetUtcNow());
                if (whole)
                {
                    _runningWhole = attempt;
                }

                // The batch in flight is finished even when shutdown starts (no token for the steps); only waiting for a retry stops.
                await _retry.ExecuteAsync(async _ => await attempt.RunAsync(CancellationToken.None), stoppingToken);
                _status.Progressed();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (TransientReason(ex) is { } reason)
            {
                if (attempt?.Saved == true)
                {
                    continue; // the states are in; what is left is bookkeeping that no record can be blamed for: wait it out
                }

                if (part.Count > 1)
                {
                    LogIsolating(_logger, part.Count, "persistent", ex.GetType().Name);
                    KafkaMetrics.Isolations.WithLabels("persistent").Inc();
                    await BisectAsync(part, regressions, expectedFirst, stoppingToken);
                    return;
                }

                if (!reason.StartsWith("redis", StringComparison.Ordinal) || !await DependenciesHealthyAsync(stoppingToken))
                {
                    continue; // an outage (or the broker, which would also carry the dead letter): never skip a record for it
                }

                await DeadLetterAloneAsync(part[0], $"engine: transient failure ({reason}) persisted on this record alone: {Describe(ex)}", regressions, expectedFirst, stoppingToken);
                return;
            }
            catch (Exception ex)
            {
                if (part.Count > 1)
                {
                    if (attempt?.Saved == true)
                    {
                        // Splitting re-folds records whose states are written: their remaining bookkeeping is skipped.
                        LogEffectsSkipped(_logger, part.Count, ex.GetType().Name);
                    }

                    LogIsolating(_logger, part.Count, "engine", ex.GetType().Name);
                    KafkaMetrics.Isolations.WithLabels("engine").Inc();
                    await BisectAsync(part, regressions, expectedFirst, stoppingToken);
                    return;
                }

                await DeadLetterAloneAsync(part[0], $"engine: {Describe(ex)}", regressions, expectedFirst, stoppingToken);
                return;
            }
        }
    }

    // Halves keep each partition's records in log order: the first half is done before the second starts.
    private async Task BisectAsync(
        List<ConsumeResult<string?, byte[]?>> part, StoreRegressions regressions,
        IReadOnlyDictionary<int, long> expectedFirst, CancellationToken stoppingToken)
    {
        _batchDisturbed = true;
        var half = part.Count / 2;
        await ProcessPartAsync(part.GetRange(0, half), regressions, expectedFirst, stoppingToken, whole: false);
        await ProcessPartAsync(part.GetRange(half, part.Count - half), regressions, expectedFirst, stoppingToken, whole: false);
    }

    /// <summary>Dead-letters the one record that fails alone, then moves the partition's watermark past it. Broker trouble here is waited out.</summary>
    private async Task DeadLetterAloneAsync(
        ConsumeResult<string?, byte[]?> record, string reason, StoreRegressions regressions,
        IReadOnlyDictionary<int, long> expectedFirst, CancellationToken stoppingToken)
    {
        var partition = record.Partition.Value;
        if (regressions.Contains(partition))
        {
            return; // re-read from the store's watermark anyway
        }

        _batchDisturbed = true;
        LogIsolated(_logger, partition, record.Offset.Value, reason);
        var first = Math.Min(record.Offset.Value, expectedFirst.GetValueOrDefault(partition, long.MaxValue));
        var published = false;
        while (true)
        {
            try
            {
                await _retry.ExecuteAsync(
                    async _ =>
                    {
                        if (!published)
                        {
                            await _ports.DeadLetters.PublishAsync([(record, reason)], CancellationToken.None);
                            published = true;
                        }

                        foreach (var r in await _ports.Watermarks.AdvanceAsync(_ports.Topic, [new AppliedRange(partition, first, record.Offset.Value + 1)], CancellationToken.None))
                        {
                            regressions.Add(r);
                        }
                    },
                    stoppingToken);
                KafkaMetrics.Events.WithLabels(EventDecoder.RejectedTypeLabel(record.Message.Headers, record.Message.Value), "rejected").Inc();
                _status.Progressed();
                return;
            }
            catch (Exception ex) when (TransientReason(ex) is not null && !stoppingToken.IsCancellationRequested)
            {
                // Keep waiting: a dead letter is never skipped because the broker is down.
            }
        }
    }

    private async Task<bool> DependenciesHealthyAsync(CancellationToken cancellationToken)
    {
        if (_health is null)
        {
            return false;
        }

        var report = await _health.CheckHealthAsync(r => r.Tags.Contains(DependencyTag), cancellationToken);
        return report.Status == HealthStatus.Healthy && report.Entries.Count > 0;
    }

    private string? TransientReason(Exception exception)
    {
        var ex = exception is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : exception;
        foreach (var c in _classifiers)
        {
            if (c.TransientReason(ex) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string Describe(Exception ex)
    {
        var message = ex.Message.Length > 200 ? ex.Message[..200] : ex.Message;
        return $"{ex.GetType().Name}: {message}";
    }

    private Dictionary<int, long> ExpectedFirstOffsets(List<ConsumeResult<string?, byte[]?>> batch)
    {
        var expected = new Dictionary<int, long>();
        if (_soughtTo.Count == 0)
        {
            return expected;
        }

        foreach (var m in batch)
        {
            var p = m.Partition.Value;
            if (_soughtTo.Remove(p, out var soughtTo) && m.Offset.Value != soughtTo)
            {
                // The re-read did not start where the store's watermark is: the topic no longer has those records.
                LogRetentionGap(_logger, p, soughtTo, m.Offset.Value);
                expected[p] = soughtTo;
            }
        }

        return expected;
    }

    private void Complete(IConsumer<string?, byte[]?> consumer, List<ConsumeResult<string?, byte[]?>> batch, StoreRegressions regressions)
    {
        foreach (var r in regressions.All)
        {
            var tp = new TopicPartition(_options.EventsTopic, r.Partition);
            KafkaMetrics.Rollbacks.Inc();
            LogRollback(_logger, r.Partition, r.Held);
            _carry.RemoveAll(m => m.Partition.Value == r.Partition);
            _pendingCommit.Remove(tp);
            _soughtTo[r.Partition] = r.Held;
            _nextToProcess[tp] = r.Held;
            try
            {
                consumer.Seek(new TopicPartitionOffset(tp, new Offset(r.Held)));
            }
            catch (KafkaException ex)
            {
                // Not assigned any more: its next owner compares the watermark itself.
                LogKafkaError(_logger, ex.Error.Reason);
            }
        }

        var offsets = batch.Where(r => !regressions.Contains(r.Partition.Value)).GroupBy(r => r.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(r => r.Offset.Value) + 1)))
            .ToList();
        foreach (var o in offsets)
        {
            _pendingCommit[o.TopicPartition] = o.Offset;
            _nextToProcess[o.TopicPartition] = o.Offset.Value;
        }

        _inFlightFirst.Clear();
        _inFlightOldest = null;
        _pendingEvents += batch.Count;
        CommitPending(consumer);
        ReportLag(consumer, force: true);
    }

    private void MarkInFlight(List<ConsumeResult<string?, byte[]?>> batch)
    {
        foreach (var m in batch)
        {
            if (!_inFlightFirst.TryGetValue(m.TopicPartition, out var first) || m.Offset.Value < first)
            {
                _inFlightFirst[m.TopicPartition] = m.Offset.Value;
            }

            var at = m.Message.Timestamp.UtcDateTime;
            if (m.Message.Timestamp.Type != TimestampType.NotAvailable && (_inFlightOldest is null || at < _inFlightOldest))
            {
                _inFlightOldest = at;
            }
        }
    }

    /// <summary>
    /// Lag per partition = the broker's high watermark − the first offset not processed yet (in flight, or the next
    /// after the last batch). While partitions are paused the client's cached watermarks stop moving, so they are asked
    /// of the broker. Also decides whether ingest is stalled.
    /// </summary>
    private void ReportLag(IConsumer<string?, byte[]?> consumer, bool force)
    {
        var now = _clock.GetTimestamp();
        if (!force && _clock.GetElapsedTime(_lagRefreshedAt, now) < s_lagRefresh)
        {
            return;
        }

        _lagRefreshedAt = now;
        long total = 0;
        foreach (var tp in consumer.Assignment)
        {
            WatermarkOffsets marks;
            try
            {
                marks = _paused ? consumer.QueryWatermarkOffsets(tp, TimeSpan.FromMilliseconds(200)) : consumer.GetWatermarkOffsets(tp);
            }
            catch (KafkaException)
            {
                continue; // broker unreachable: keep the last reading
            }

            if (marks.High == Offset.Unset)
            {
                continue;
            }

            long? next = _inFlightFirst.TryGetValue(tp, out var f) ? f : _nextToProcess.TryGetValue(tp, out var n) ? n : null;
            if (next is null)
            {
                var position = consumer.Position(tp);
                next = position == Offset.Unset ? null : position.Value;
            }

            var lag = next is null ? 0 : Math.Max(0, marks.High.Value - next.Value);
            KafkaMetrics.PartitionLag.WithLabels(tp.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(lag);
            total += lag;
        }

        KafkaMetrics.Lag.Set(total);
        KafkaMetrics.LagSeconds.Set(_inFlightOldest is { } oldest ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0);
        var stalled = total > 0 && _status.SinceProgress() > _ingest.StallAfter;
        _status.SetStalled(stalled, total);
        KafkaMetrics.Stalled.Set(stalled ? 1 : 0);
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        // Their customers are another worker's now: what is held here would be stale when (if) they come back.
        _cache.Drop(gone.Select(p => p.Partition.Value).ToHashSet());
        _batchDisturbed = true;
        _prefetch?.Records.RemoveAll(m => gone.Contains(m.TopicPartition));
        _status.Revoked(gone.Select(p => p.Partition.Value));
        _carry.RemoveAll(m => gone.Contains(m.TopicPartition));
        foreach (var tp in gone)
        {
            _soughtTo.Remove(tp.Partition.Value);
            _nextToProcess.Remove(tp);
            KafkaMetrics.PartitionLag.WithLabels(tp.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(0);
        }
    }

    /// <summary>
    /// Commits every processed offset not committed yet, for the partitions still assigned. A refused commit stays
    /// pending: typically a rebalance bumped the group generation during the batch. If the partition moved, its new
    /// owner re-reads from the last commit and the stored positions make those events no-ops (dropped here at the next
    /// success); if it stayed (the same assignment again), nothing would re-read those events, so without the retry
    /// the group's committed offset would sit behind until new events arrived on that partition.
    /// </summary>
    private void CommitPending(IConsumer<string?, byte[]?> consumer)
    {
        if (_pendingCommit.Count == 0)
        {
            return;
        }

        var assigned = consumer.Assignment;
        var offsets = _pendingCommit.Where(p => assigned.Contains(p.Key)).Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList();
        try
        {
            if (offsets.Count > 0)
            {
                consumer.Commit(offsets);
            }

            _status.Committed(_pendingEvents);
            _pendingCommit.Clear();
            _pendingEvents = 0;
        }
        catch (KafkaException ex)
        {
            LogCommitFailed(_logger, ex.Error.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest consuming {Topic} in group {Group}")]
    private static partial void LogStarted(ILogger logger, string topic, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest stopped and left the group")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest assigned {Count} more partitions")]
    private static partial void LogAssigned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed: {Reason}")]
    private static partial void LogCommitFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure ({Reason}); retry {Attempt} in {DelayMs:F0} ms: {Error}")]
    private static partial void LogRetrying(ILogger logger, string reason, int attempt, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A part of {Count} records failed ({Cause}: {Exception}); splitting it to isolate the record at fault")]
    private static partial void LogIsolating(ILogger logger, int count, string cause, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A part of {Count} records failed ({Exception}) after its states were written; their counters and item statistics are skipped")]
    private static partial void LogEffectsSkipped(ILogger logger, int count, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Record {Partition}:{Offset} fails alone; dead-lettered: {Reason}")]
    private static partial void LogIsolated(ILogger logger, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state store holds partition {Partition} only up to offset {Held}, behind what was read: it went backwards (restart from an older AOF, replica promotion). Re-reading from there")]
    private static partial void LogRollback(ILogger logger, int partition, long held);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition} re-read from {From} started at {At}: the topic no longer has the records between (retention); they cannot be re-applied")]
    private static partial void LogRetentionGap(ILogger logger, int partition, long from, long at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest loop failed; retrying the batch")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
