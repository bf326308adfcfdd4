using Prometheus;

namespace Realtime.Scoring.Ranking;

/// <summary>Learned-ranker metrics.</summary>
internal static class RankerMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter(
        "realtime_recs_ranker_requests_total",
        "Recommend calls by the stage that ranked them: learned (the promoted ranker) or blend (none promoted, or the fallback).",
        new CounterConfiguration { LabelNames = ["ranker"] });

    public static readonly Counter Failures = Metrics.CreateCounter(
        "realtime_recs_ranker_failures_total",
        "Learned rankings that threw; the hand-tuned blend answered those requests.");

    public static readonly Counter Rejected = Metrics.CreateCounter(
        "realtime_recs_ranker_rejected_total",
        "Promoted ranker versions the API refused to load; the model in force (or the blend) kept serving.");

    public static readonly Gauge Info = Metrics.CreateGauge(
        "realtime_recs_ranker_info",
        "1 for the ranker serving now (label version; \"blend\" when no learned ranker serves).",
        new GaugeConfiguration { LabelNames = ["version"] });

    /// <summary>The shared series of background refresh failures (same name and label as the other adapters').</summary>
    public static readonly Counter PollFailures = Metrics.CreateCounter(
        "realtime_background_refresh_failures_total",
        "Background refreshes of cached values that failed (the last good value kept serving), by component.",
        new CounterConfiguration { LabelNames = ["component"] });
}
