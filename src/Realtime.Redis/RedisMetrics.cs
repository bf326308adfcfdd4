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

    public static readonly Gauge Connected = Prometheus.Metrics.CreateGauge(
        "realtime_redis_connected",
        "1 while the process holds a connection to Redis, 0 from a failed connection until it is restored.");

    public static readonly Counter CasRefused = Prometheus.Metrics.CreateCounter(
        "realtime_redis_state_writes_refused_total",
        "State writes refused by the compare-and-set because the stored position was newer (redelivery or a stale writer).");

    public static readonly Counter ItemIncrementsDropped = Prometheus.Metrics.CreateCounter(
        "realtime_recs_signal_increments_dropped_total",
        "Item-statistics increments dropped because their event time is too far from the decay epoch to scale.");

    public static readonly Counter FactListChecks = Prometheus.Metrics.CreateCounter(
        "realtime_recs_fact_list_checks_total",
        "Neighbour and trending lists a Recommend read, by whether their products' facts were checked one by one (checked=\"true\") or resolved on use from a fresh check by an earlier call (checked=\"false\").",
        new CounterConfiguration { LabelNames = ["checked"] });
}
