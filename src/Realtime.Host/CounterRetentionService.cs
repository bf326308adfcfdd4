using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Redis;

namespace Realtime.Host;

/// <summary>
/// Enforces <see cref="LifecycleOptions.CounterRetentionDays"/>: at start-up and then every <see cref="Interval"/>,
/// deletes the dated summary counters (revenue and orders per day, customers per ISO week) older than the retention.
/// Runs wherever ingest runs; several instances deleting the same fields is harmless (HDEL is idempotent).
/// </summary>
internal sealed partial class CounterRetentionService(
    ILifecycleCounters counters, IOptions<LifecycleOptions> options, TimeProvider clock, ILogger<CounterRetentionService> logger) : BackgroundService
{
    /// <summary>A day label expires once a day: a few sweeps a day keep the hash within hours of the retention.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (counters is not RedisLifecycleCounters redis)
        {
            return; // another counter store keeps its own retention
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await redis.RemoveExpiredAsync(clock.GetUtcNow(), options.Value.CounterRetentionDays, stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(logger, removed, options.Value.CounterRetentionDays);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex); // Redis down: the next sweep retries; nothing depends on it meanwhile
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Removed} summary counters older than Lifecycle:CounterRetentionDays ({Days} days)")]
    private static partial void LogRemoved(ILogger logger, long removed, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired summary counters failed; retrying at the next sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
