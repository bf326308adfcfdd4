using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>A validated ranker version ready to serve (immutable, shared by all threads).</summary>
/// <param name="Version">The version name.</param>
/// <param name="Forest">The directly evaluated ensemble.</param>
/// <param name="Manifest">The version's ranker.json.</param>
public sealed record LoadedRankerModel(string Version, RankerForest Forest, RankerManifest Manifest) : IRankerModel
{
    public double Score(ReadOnlySpan<float> features) => Forest.Score(features);
}
