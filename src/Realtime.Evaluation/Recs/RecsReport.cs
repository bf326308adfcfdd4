using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Evaluation.Recs;

/// <summary>Metrics of one dataset run.</summary>
/// <param name="Dataset">Dataset name in result lines.</param>
/// <param name="Cases">Test points asked.</param>
/// <param name="Catalogue">Distinct products in the log (coverage denominator).</param>
/// <param name="MicrosPerRequest">Mean time of plan + in-memory read + rank for the recommender, µs.</param>
/// <param name="Systems">Metrics by system name.</param>
/// <param name="History">Encoded sizes of the customers' stored purchase histories at the end of the replay.</param>
/// <param name="ExploreRecall">Whether the ranker's explore candidates held the explore test items; null without a ranker.</param>
/// <param name="RankerMicrosPerRequest">Mean time of the learned ranking stage for 10 products (candidates, features, model, reasons; not the read), µs; null without a ranker.</param>
internal sealed record RecsReport(
    string Dataset,
    int Cases,
    int Catalogue,
    double MicrosPerRequest,
    IReadOnlyList<(string Name, SystemMetrics Metrics)> Systems,
    double? RankerMicrosPerRequest = null,
    HistorySizes? History = null,
    ExploreRecall? ExploreRecall = null);
