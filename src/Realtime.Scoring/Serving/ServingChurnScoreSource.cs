using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Scoring.Serving;

/// <summary>
/// The churn score segments use (<see cref="IChurnScoreSource"/>): the promoted model's score from the same
/// <see cref="ChurnScorer"/> the API answers with, so a promotion moves segments without a restart; null while only
/// the baseline serves (no model promoted, or none loads).
/// </summary>
public sealed class ServingChurnScoreSource(ChurnScorer scorer) : IChurnScoreSource
{
    public double? ScoreFor(CustomerState state, DateTimeOffset now)
    {
        // One read of the model: the version that produced the score is the one checked.
        var score = scorer.Score(state, now);
        return string.Equals(score.ModelVersion, ChurnScorer.BaselineVersion, StringComparison.Ordinal)
            ? null
            : score.Score;
    }
}
