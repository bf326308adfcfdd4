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

    public static readonly Counter StateCache = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_state_cache_total",
        "Customer states looked up in the worker's owner-local cache: hit (held and still the stored one), miss (loaded), stale (held but moved on in the store: reloaded).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Histogram Stage = Prometheus.Metrics.CreateHistogram(
        "realtime_ingest_stage_seconds",
        "Time of each step of an ingest batch (decode, load, fold, publish, save, bookkeep, effects, dead_letters; effect_<name> per batch effect, from the start of the effects).",
        new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18) });

    public static readonly Histogram BatchDuration = Prometheus.Metrics.CreateHistogram(
        "realtime_ingest_batch_duration_seconds",
        "Time to process one batch: decode, load, fold, write, commit.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18) });

    public static readonly Gauge Lag = Prometheus.Metrics.CreateGauge(
        "realtime_ingest_consumer_lag_events",
        "Events not yet processed (high watermark minus the next offset to process), summed over assigned partitions.");

    public static readonly Gauge PartitionLag = Prometheus.Metrics.CreateGauge(
        "realtime_ingest_lag_events",
        "Events not yet processed on each assigned partition (read from the broker, also while a batch is stuck).",
        new GaugeConfiguration { LabelNames = ["partition"] });

    public static readonly Gauge LagSeconds = Prometheus.Metrics.CreateGauge(
        "realtime_ingest_lag_seconds",
        "Age of the oldest event consumed but not yet processed (0 when caught up).");

    public static readonly Gauge Stalled = Prometheus.Metrics.CreateGauge(
        "realtime_ingest_stalled",
        "1 while ingest has made no progress for Ingest:StallAfter with events waiting, else 0.");

    public static readonly Counter Retries = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_retries_total",
        "Batch steps retried after a transient failure, by reason (redis_connection, redis_timeout, kafka_unavailable, ...).",
        new CounterConfiguration { LabelNames = ["reason"] });

    public static readonly Counter Isolations = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_isolations_total",
        "Batches split to find the record that fails them, by cause (engine: a non-transient failure; persistent: a transient one that outlasted its budget).",
        new CounterConfiguration { LabelNames = ["cause"] });

    public static readonly Counter Rollbacks = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_store_rollbacks_total",
        "Times the state store was found holding less than was applied (its applied watermark went backwards) and a partition was re-read from there.");

    public static readonly Counter DeadLetterTruncated = Prometheus.Metrics.CreateCounter(
        "realtime_ingest_dead_letter_truncated_total",
        "Dead-lettered messages too large for the broker, sent as a truncated copy with their size and SHA-256.");

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
