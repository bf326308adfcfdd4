using Prometheus;

namespace Realtime.Scoring;

/// <summary>Scoring metrics.</summary>
internal static class ScoringMetrics
{
    public static readonly Gauge ModelInfo = Metrics.CreateGauge(
        "realtime_churn_model_info",
        "1 for the churn model version serving now (label version), 0 for versions served before.",
        new GaugeConfiguration { LabelNames = ["version"] });

    public static readonly Histogram ScoreDuration = Metrics.CreateHistogram(
        "realtime_churn_scoring_duration_seconds",
        "In-process time to score one customer (features + model + explanations).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000001, 2, 16) });

    public static readonly Counter ModelsRejected = Metrics.CreateCounter(
        "realtime_models_rejected_total",
        "Model versions the scorer refused to load (promoted or fallen back to); the previous model or the baseline kept serving.");

    public static readonly Counter RegistryPollFailures = Metrics.CreateCounter(
        "realtime_models_registry_poll_failures_total",
        "Polls of the model registry that failed (unreadable pointer or history); the model in force kept serving.");

    /// <summary>
    /// The same series as Realtime.Redis's <c>BackgroundRefreshFailures</c> (this adapter cannot reference that one):
    /// prometheus-net hands both the one collector registered under this name and label.
    /// </summary>
    public static readonly Counter BackgroundRefreshFailures = Metrics.CreateCounter(
        "realtime_background_refresh_failures_total",
        "Background refreshes of cached values that failed (the last good value kept serving), by component.",
        new CounterConfiguration { LabelNames = ["component"] });
}
