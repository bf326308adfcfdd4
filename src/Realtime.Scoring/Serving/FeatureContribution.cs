using Realtime.Core.Churn;

namespace Realtime.Scoring.Serving;

/// <summary>
/// One feature's part in a score (see <see cref="CompiledForest.Contributions"/> for the method). Unmanaged, so callers
/// can <c>stackalloc</c> the span they pass to <see cref="ChurnScorer.Score(Realtime.Core.State.CustomerState, DateTimeOffset, Span{FeatureContribution})"/>.
/// </summary>
/// <param name="Feature">Index in <see cref="FeatureSchema"/>.</param>
/// <param name="Value">The customer's value of the feature.</param>
/// <param name="Contribution">Score minus the score with this feature at its typical value; positive raises the risk.</param>
public readonly record struct FeatureContribution(int Feature, float Value, float Contribution)
{
    /// <summary>The feature's schema name (a shared string: no allocation).</summary>
    public string Name => FeatureSchema.NameOf(Feature);
}
