using Prometheus;

namespace Realtime.Redis;

/// <summary>Redis adapter metrics.</summary>
internal static class RedisMetrics
{
    public static readonly Histogram RoundTrip = Prometheus.Metrics.CreateHistogram(
        "realtime_redis_roundtrip_seconds",
        "Time of one pipelined Redis round trip, by operation.",
        new HistogramConfiguration
        {
            LabelNames = ["operation"],
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 16),
        });

    public static readonly Counter CasRefused = Prometheus.Metrics.CreateCounter(
        "realtime_redis_state_writes_refused_total",
        "State writes refused by the compare-and-set because the stored position was newer (redelivery or a stale writer).");

    public static readonly Counter ItemIncrementsDropped = Prometheus.Metrics.CreateCounter(
        "realtime_recs_signal_increments_dropped_total",
        "Item-statistics increments dropped because their event time is too far from the decay epoch to scale.");
}
