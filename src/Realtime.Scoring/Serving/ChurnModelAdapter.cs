using System.Diagnostics;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Scoring.Serving;

/// <summary>Serves <see cref="ChurnScorer"/> through the Core port and records its metrics.</summary>
public sealed class ChurnModelAdapter(ChurnScorer scorer) : IChurnModel
{
    private const int MaxTopFeatures = 10;
    private string? _reportedVersion;

    public string Version => scorer.ModelVersion;

    public ChurnAssessment Assess(CustomerState state, DateTimeOffset now, int topFeatures)
    {
        var started = Stopwatch.GetTimestamp();
        Span<FeatureContribution> top = stackalloc FeatureContribution[MaxTopFeatures];
        var wanted = Math.Clamp(topFeatures, 0, MaxTopFeatures);
        var score = wanted == 0 ? scorer.Score(state, now) : scorer.Score(state, now, top[..wanted]);
        var impacts = new FeatureImpact[score.TopFeatureCount];
        for (var i = 0; i < impacts.Length; i++)
        {
            impacts[i] = new FeatureImpact(top[i].Name, top[i].Value, top[i].Contribution);
        }

        ScoringMetrics.ScoreDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        ReportVersion(score.ModelVersion);
        return new ChurnAssessment(score.Score, score.Band.ToString().ToLowerInvariant(), score.ModelVersion, impacts);
    }

    private void ReportVersion(string version)
    {
        if (!ReferenceEquals(Volatile.Read(ref _reportedVersion), version))
        {
            if (Interlocked.Exchange(ref _reportedVersion, version) is { } previous)
            {
                ScoringMetrics.ModelInfo.WithLabels(previous).Set(0);
            }

            ScoringMetrics.ModelInfo.WithLabels(version).Set(1);
        }
    }
}
