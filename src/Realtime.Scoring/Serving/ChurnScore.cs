namespace Realtime.Scoring.Serving;

/// <summary>A churn score as the API returns it. A value type: scoring allocates nothing.</summary>
/// <param name="Score">Churn probability in [0, 1] (the baseline's is a monotone risk index, not calibrated).</param>
/// <param name="Band">The score's risk band.</param>
/// <param name="ModelVersion">The version that scored, or <c>"baseline"</c>.</param>
/// <param name="TopFeatureCount">How many entries of the caller's contribution span were filled, largest effect first.</param>
public readonly record struct ChurnScore(float Score, RiskBand Band, string ModelVersion, int TopFeatureCount);
