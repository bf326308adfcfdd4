using Microsoft.Extensions.Logging;
using Prometheus;

namespace Realtime.Redis;

/// <summary>
/// The failure hook of the Redis-backed <see cref="Core.Caching.BackgroundRefreshCache{T}"/> instances (public: Host's
/// certificate cache uses it too): each failed refresh is counted, by cache, and logged.
/// </summary>
public static class BackgroundRefreshFailures
{
    /// <summary>The counter's name; Realtime.Scoring, which cannot reference this adapter, registers the same series.</summary>
    public const string MetricName = "realtime_background_refresh_failures_total";

    private static readonly Counter s_failures = Metrics.CreateCounter(
        MetricName,
        "Background refreshes of cached values that failed (the last good value kept serving), by component.",
        new CounterConfiguration { LabelNames = ["component"] });

    /// <summary>Counts in <see cref="MetricName"/>{component} and logs at warning with the exception.</summary>
    public static Action<string, Exception> Hook(ILogger logger) => (component, exception) =>
    {
        s_failures.WithLabels(component).Inc();
        RedisLog.RefreshFailed(logger, component, exception);
    };
}
