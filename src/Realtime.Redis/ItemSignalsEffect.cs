using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Ingest's item-statistics step: after a batch's customer states are written, replays the applied events of the
/// written customers (<see cref="ItemSignalReplay"/>) and adds the resulting increments and catalog facts to in-memory
/// sums (<see cref="ItemSignalTotals"/>), which a background loop writes in one pipelined round trip every
/// <see cref="ItemSignalOptions.FlushIntervalMilliseconds"/> (0: each batch writes its own before it is committed). The
/// statistics are cross-customer aggregates without a position of their own: when a batch is retried or redelivered
/// after its states were written, the fold skips its records as already applied and this step adds nothing, so a crash
/// loses at most the unwritten sums (one flush interval plus the batch in flight: at-most-once, DESIGN §2.4). A flush
/// that fails goes back into the sums and is retried with the next. A rebalance during a batch can count the overlap of
/// two owners' batches twice; docs/recommendations.md explains the bound. Disposal (host shutdown) writes what is left.
/// </summary>
public sealed partial class ItemSignalsEffect : IBatchEffect, IAsyncDisposable
{
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly RedisItemSignalWriter _writer;
    private readonly ItemSignalOptions _options;
    private readonly ILogger<ItemSignalsEffect> _logger;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _due = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private ItemSignalTotals _pending;
    private ItemSignalBatch? _spare;
    private bool _scheduled;
    private Task? _loop;

    public ItemSignalsEffect(RedisItemSignalWriter writer, IOptions<ItemSignalOptions> options, ILogger<ItemSignalsEffect> logger)
    {
        (_writer, _options, _logger) = (writer, options.Value, logger);
        _interval = TimeSpan.FromMilliseconds(_options.FlushIntervalMilliseconds);
        _pending = new ItemSignalTotals(_options);
    }

    /// <inheritdoc/>
    public async Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken)
    {
        // A batch's increments run to tens of thousands of entries (a large-object-heap array each time the list grew);
        // one list kept between batches removes that garbage. Effects of two batches never share it: each takes it.
        var batch = Interlocked.Exchange(ref _spare, null) ?? new ItemSignalBatch();
        batch.Clear();
        try
        {
            ItemSignalReplay.Collect(context, _options, batch);
            if (batch.Increments.Count == 0 && batch.Catalog.Count == 0)
            {
                return;
            }

            if (_interval == TimeSpan.Zero)
            {
                await _writer.WriteAsync(batch, cancellationToken);
                return;
            }

            Pend(batch);
        }
        finally
        {
            batch.Clear();
            _spare = batch;
        }
    }

    // Adds a batch to the sums of the interval and wakes the flush loop.
    private void Pend(ItemSignalBatch batch)
    {
        lock (_gate)
        {
            _pending.Add(batch);
            _loop ??= Task.Run(FlushLoopAsync, CancellationToken.None);
            if (!_scheduled)
            {
                _scheduled = true;
                _due.Release();
            }
        }
    }

    /// <summary>Stops the loop and writes what is left (best effort: a Redis outage at shutdown loses it, at-most-once).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        var rest = Take();
        if (!rest.IsEmpty)
        {
            try
            {
                using var timeout = new CancellationTokenSource(s_maxRetryDelay);
                await _writer.WriteAsync(rest, timeout.Token);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                LogLostAtShutdown(_logger, rest.Added, ex.Message);
            }
        }

        _stopping.Dispose();
        _due.Dispose();
    }

    private async Task FlushLoopAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _due.WaitAsync(_stopping.Token);
                // Sums everything that arrives meanwhile: the point of the interval.
                await Task.Delay(_interval, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return; // disposal writes the rest
            }

            var totals = Take();
            try
            {
                // Not cancelled by disposal: a write cut off half-way would be restored and counted twice.
                await _writer.WriteAsync(totals, CancellationToken.None);
                failures = 0;
            }
            catch (Exception ex)
            {
                // Back into the sums, written with the next flush. A timeout whose write did land counts twice, as a
                // retried per-batch write always could; ingest does not wait for item statistics meanwhile.
                failures++;
                LogFlushFailed(_logger, totals.Added, failures, ex.Message);
                Restore(totals);
                await DelayAfterFailureAsync(failures);
            }
        }
    }

    private async Task DelayAfterFailureAsync(int failures)
    {
        try
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(s_maxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, failures)));
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // disposal writes the rest
        }
    }

    private ItemSignalTotals Take()
    {
        lock (_gate)
        {
            var totals = _pending;
            _pending = new ItemSignalTotals(_options);
            _scheduled = false;
            return totals;
        }
    }

    private void Restore(ItemSignalTotals totals)
    {
        lock (_gate)
        {
            _pending.Add(totals);
            if (!_scheduled)
            {
                _scheduled = true;
                _due.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item statistics flush of {Increments} increments failed (attempt {Attempt}); kept for the next flush: {Error}")]
    private static partial void LogFlushFailed(ILogger logger, int increments, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Item statistics: {Increments} increments not written at shutdown (Redis unavailable): {Error}")]
    private static partial void LogLostAtShutdown(ILogger logger, int increments, string error);
}
