using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle.Wiring;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Kafka;

/// <summary>
/// Consumes <c>realtime.events</c> in group <c>realtime-ingest</c> and folds events into customer state:
/// consume a batch → decode (rejects to the DLQ) → load touched states in one pipelined round trip → fold →
/// publish segment changes → write back in one round trip with compare-and-set → lifecycle counters and due times →
/// batch effects → commit offsets. Offsets are committed only
/// after the write, so a crash redelivers at most the last batch, and the stored (partition, offset) makes the
/// redelivery harmless: nothing lost, nothing counted twice. On shutdown the batch in flight is finished and
/// committed, then the consumer leaves the group cleanly.
/// </summary>
public sealed partial class IngestWorker(
    KafkaBroker broker,
    IOptions<KafkaOptions> options,
    IOptions<IngestOptions> ingestOptions,
    ICustomerStateStore store,
    DeadLetterPublisher deadLetters,
    IngestStatus status,
    IEnumerable<IBatchEffect> effects,
    LifecycleBatchWriter lifecycle,
    TimeProvider clock,
    ILogger<IngestWorker> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);
    private readonly KafkaOptions _options = options.Value;
    private readonly IBatchEffect[] _effects = effects.ToArray();
    private readonly Dictionary<TopicPartition, Offset> _pendingCommit = [];
    private int _pendingEvents;

    // Consume() blocks; give the loop its own thread rather than holding a pool thread hostage.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(broker.ConsumerConfig(_options.GroupId))
            .SetErrorHandler((_, e) => LogKafkaError(logger, e.Reason))
            .SetPartitionsAssignedHandler((_, parts) =>
            {
                status.Assigned(parts.Select(p => p.Partition.Value));
                LogAssigned(logger, parts.Count);
            })
            .SetPartitionsRevokedHandler((_, parts) => status.Revoked(parts.Select(p => p.Partition.Value)))
            .SetPartitionsLostHandler((_, parts) => status.Revoked(parts.Select(p => p.Partition.Value)))
            .Build();
        consumer.Subscribe(_options.EventsTopic);
        LogStarted(logger, _options.EventsTopic, _options.GroupId);
        var batch = new List<ConsumeResult<string?, byte[]?>>(_options.MaxBatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                batch.Clear();
                Fill(consumer, batch, stoppingToken);
                if (batch.Count == 0)
                {
                    CommitPending(consumer); // an idle stream still retries a commit a rebalance refused
                }
                else if (await ProcessWithRetryAsync(batch, stoppingToken))
                {
                    Commit(consumer, batch);
                }
            }
        }
        finally
        {
            // Leave the group now instead of letting the session time out, so partitions move at once.
            consumer.Close();
            LogStopped(logger);
        }
    }

    private void Fill(IConsumer<string?, byte[]?> consumer, List<ConsumeResult<string?, byte[]?>> batch, CancellationToken stoppingToken)
    {
        var first = Consume(consumer, TimeSpan.FromMilliseconds(100));
        if (first is null)
        {
            return;
        }

        batch.Add(first);
        var deadline = clock.GetTimestamp() + (_options.MaxBatchWaitMs * clock.TimestampFrequency / 1000);
        while (batch.Count < _options.MaxBatchSize && !stoppingToken.IsCancellationRequested)
        {
            var left = Math.Max(0, (deadline - clock.GetTimestamp()) * 1000 / clock.TimestampFrequency);
            var next = Consume(consumer, TimeSpan.FromMilliseconds(left));
            if (next is null)
            {
                break;
            }

            batch.Add(next);
        }
    }

    private ConsumeResult<string?, byte[]?>? Consume(IConsumer<string?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            LogKafkaError(logger, ex.Error.Reason);
            return null;
        }
    }

    /// <summary>Retries a failing batch with bounded backoff (Redis or broker trouble is not the events' fault). False if stopped first.</summary>
    private async Task<bool> ProcessWithRetryAsync(List<ConsumeResult<string?, byte[]?>> batch, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                // The batch in flight is finished even when shutdown starts: no token here.
                await ProcessAsync(batch, CancellationToken.None);
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogBatchFailed(logger, ex, batch.Count, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return false; // not committed: the batch is redelivered to whoever owns the partitions next
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
            }
        }
    }

    private async Task ProcessAsync(List<ConsumeResult<string?, byte[]?>> batch, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var records = new List<IngestRecord>(batch.Count);
        var catalog = new List<CustomerEvent>();
        var rejected = new List<(ConsumeResult<string?, byte[]?>, string)>();
        foreach (var message in batch)
        {
            var decoded = EventDecoder.Decode(message.Message.Headers, message.Message.Value, clock.GetUtcNow(), ingestOptions.Value.MaxFutureSkew);
            if (decoded.Event is null)
            {
                rejected.Add((message, decoded.Error!));
                KafkaMetrics.Events.WithLabels("unknown", "rejected").Inc();
            }
            else if (decoded.Event.Type == EventType.ProductUpserted)
            {
                catalog.Add(decoded.Event);
                KafkaMetrics.Events.WithLabels("product_upserted", "applied").Inc();
            }
            else
            {
                records.Add(new IngestRecord(decoded.Event, message.Partition.Value, message.Offset.Value));
            }
        }

        // Plain loops, not LINQ: this runs once per batch of up to MaxBatchSize events.
        var ids = new List<string>(records.Count);
        var seen = new HashSet<string>(records.Count, StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (seen.Add(r.Event.CustomerId))
            {
                ids.Add(r.Event.CustomerId);
            }
        }

        var loaded = ids.Count == 0 ? new Dictionary<string, CustomerState>() : await store.LoadAsync(ids, cancellationToken);
        var result = BatchFolder.Fold(records, loaded);
        // Segments are evaluated, published (acks awaited) and stored with the states, then counted: see LifecycleBatchWriter.
        var now = clock.GetUtcNow();
        var written = await lifecycle.WriteAsync(result, now, cancellationToken);
        if (_effects.Length > 0)
        {
            var context = new BatchEffectContext(result, written, catalog, now);
            foreach (var effect in _effects)
            {
                await effect.ApplyAsync(context, cancellationToken);
            }
        }

        await deadLetters.PublishAsync(rejected, cancellationToken);
        foreach (var ((type, outcome), count) in result.Outcomes)
        {
            KafkaMetrics.Events.WithLabels(type.ToWireName(), outcome.ToString().ToLowerInvariant()).Inc(count);
        }

        KafkaMetrics.BatchSize.Observe(batch.Count);
        KafkaMetrics.BatchDuration.Observe(clock.GetElapsedTime(started).TotalSeconds);
    }

    private void Commit(IConsumer<string?, byte[]?> consumer, List<ConsumeResult<string?, byte[]?>> batch)
    {
        var offsets = batch.GroupBy(r => r.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(r => r.Offset.Value) + 1)))
            .ToList();
        foreach (var o in offsets)
        {
            _pendingCommit[o.TopicPartition] = o.Offset;
        }

        _pendingEvents += batch.Count;
        CommitPending(consumer);

        long lag = 0;
        foreach (var o in offsets)
        {
            var high = consumer.GetWatermarkOffsets(o.TopicPartition).High;
            if (high != Offset.Unset)
            {
                lag += Math.Max(0, high.Value - o.Offset.Value);
            }
        }

        KafkaMetrics.Lag.Set(lag);
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

            status.Committed(_pendingEvents);
            _pendingCommit.Clear();
            _pendingEvents = 0;
        }
        catch (KafkaException ex)
        {
            LogCommitFailed(logger, ex.Error.Reason);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch of {Count} events failed; retrying in {BackoffMs} ms")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, double backoffMs);
}
