using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;

namespace Realtime.Host.Dashboard;

/// <summary>Segment sizes at one moment.</summary>
public sealed record SegmentSample(DateTimeOffset At, IReadOnlyDictionary<string, double> Customers);

/// <summary>
/// Samples the segment counters every <see cref="DashboardOptions.HistorySampleSeconds"/> for the dashboard's movement
/// chart. The counters hold the current size of each segment only (no history), so this process keeps its own
/// samples, in memory and bounded (<see cref="DashboardOptions.HistoryPoints"/>): a restart starts a new series, and two
/// API replicas each have theirs (the same counters, so the same values at the same moments).
/// </summary>
internal sealed partial class SegmentHistory(ILifecycleCounters counters, TimeProvider clock, IOptions<DashboardOptions> options, ILogger<SegmentHistory> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Queue<SegmentSample> _samples = new();
    private readonly int _capacity = options.Value.HistoryPoints;

    /// <summary>The samples, oldest first.</summary>
    public IReadOnlyList<SegmentSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HistorySampleSeconds), clock);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            var all = await counters.ReadAllAsync(ct);
            var sizes = SegmentNames.All.ToDictionary(s => s.ToWire(), s => all.GetValueOrDefault(CounterKeys.Segment(s)));
            lock (_gate)
            {
                _samples.Enqueue(new SegmentSample(clock.GetUtcNow(), sizes));
                while (_samples.Count > _capacity)
                {
                    _samples.Dequeue();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis unreachable: a gap in the chart, not a failed host. Retried at the next tick.
            SampleFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug, Message = "Dashboard segment sample skipped")]
    private static partial void SampleFailed(ILogger logger, Exception error);
}
