using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;

namespace Realtime.Host;

/// <summary>
/// Runs <see cref="SegmentSweeper"/> in a loop: sweeps until a sweep finds fewer due customers than a full batch, then
/// waits <see cref="SweepOptions.IntervalMs"/>. Any number of instances may run (one per ingest process): claims are
/// leased, so each time-driven change is published by one of them.
/// </summary>
internal sealed partial class SegmentSweepService(
    SegmentSweeper sweeper, IOptions<LifecycleOptions> options, TimeProvider clock, ILogger<SegmentSweepService> logger) : BackgroundService
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
                    LogSwept(logger, result.Claimed, result.Published, result.MasksWritten);
                }

                return result.Claimed;
            },
            sweep.BatchSize,
            TimeSpan.FromMilliseconds(sweep.IntervalMs),
            clock,
            ex => LogSweepFailed(logger, ex),
            stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Segment sweep: {Claimed} due, {Published} changes published, {Written} masks written")]
    private static partial void LogSwept(ILogger logger, int claimed, int published, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment sweep failed; retrying after the interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
