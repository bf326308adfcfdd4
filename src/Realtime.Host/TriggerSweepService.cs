using Microsoft.Extensions.Options;
using Realtime.Application.Triggers;
using Realtime.Core.Triggers;

namespace Realtime.Host;

/// <summary>
/// Runs <see cref="TriggerSweeper"/> in a loop: sweeps until a sweep finds fewer due customers than a full batch, then
/// waits <see cref="TriggerSweepOptions.IntervalMs"/>. Any number of instances may run (one per ingest process): claims
/// are leased, so each trigger is normally published by one of them (and always with the same trigger id).
/// </summary>
internal sealed partial class TriggerSweepService(
    TriggerSweeper sweeper, IOptions<TriggerOptions> options, TimeProvider clock, ILogger<TriggerSweepService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = options.Value.Sweep;
        var lease = TimeSpan.FromSeconds(sweep.LeaseSeconds);
        return SweepLoop.RunAsync(
            async (now, cancellationToken) =>
            {
                var result = await sweeper.SweepAsync(now, sweep.BatchSize, lease, cancellationToken);
                if (result.Claimed > 0)
                {
                    LogSwept(logger, result.Claimed, result.Published, result.Deferred, result.Suppressed);
                }

                return result.Claimed;
            },
            sweep.BatchSize,
            TimeSpan.FromMilliseconds(sweep.IntervalMs),
            clock,
            ex => LogSweepFailed(logger, ex),
            stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trigger sweep: {Claimed} due, {Published} published, {Deferred} deferred, {Suppressed} suppressed")]
    private static partial void LogSwept(ILogger logger, int claimed, int published, int deferred, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger sweep failed; retrying after the interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
