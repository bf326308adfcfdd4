using Prometheus;

namespace Realtime.Kafka;

/// <summary>Kafka adapter metrics (names follow <c>realtime_&lt;area&gt;_&lt;what&gt;_&lt;unit&gt;</c>).</summary>
internal static class KafkaMetrics
{
    public static readonly Counter Events = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_events_total",
        "Events consumed by ingest, by event type and result (applied, duplicate, redelivered, rejected).",
        new CounterConfiguration { LabelNames = ["type", "result"] });

    public static readonly Histogram BatchSize = Prometheus.Metrics.CreateHistogram(
        "realtime_ingest_batch_size_events",
        "Events per ingest batch.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 16) });

    public static readonly Histogram BatchDuration = Prometheus.Metrics.CreateHistogram(
        "realtime_ingest_batch_duration_seconds",
        "Time to process one batch: decode, load, fold, write, commit.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18) });

    public static readonly Gauge Lag = Prometheus.Metrics.CreateGauge(
        "realtime_ingest_consumer_lag_events",
        "Events between the last consumed offset and the high watermark, summed over assigned partitions.");

    public static readonly Counter DeadLettered = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_dead_lettered_total",
        "Messages sent to the dead-letter topic.");

    public static readonly Counter SegmentChanges = Prometheus.Metrics.CreateCounter(
        "realtime_segments_changes_total",
        "Segment changes published to realtime.segments, by segment and change (entered, left).",
        new CounterConfiguration { LabelNames = ["segment", "change"] });

    public static readonly Counter DecisionsPublished = Prometheus.Metrics.CreateCounter(
        "realtime_offers_decisions_published_total",
        "Offer decisions sent to the decisions topic, by result (delivered, failed).",
        new CounterConfiguration { LabelNames = ["result"] });

    public static readonly Counter Impressions = Prometheus.Metrics.CreateCounter(
        "realtime_recs_impressions_total",
        "Sampled recommendation impressions by outcome (delivered, failed, dropped when the producer queue is full).",
        new CounterConfiguration { LabelNames = ["result"] });
}
