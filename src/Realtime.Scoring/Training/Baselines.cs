using Realtime.Core.Churn;
using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Scoring.Training;

/// <summary>The baselines a model is reported against, as fitted on its training examples.</summary>
/// <param name="Recency">Logistic on days since the last order.</param>
/// <param name="BgNbd">BG/NBD parameters (days); null when the fit failed, which drops the <c>bgnbd</c> baseline.</param>
internal sealed record Baselines(RecencyBaseline Recency, BgNbdParameters? BgNbd)
{
    /// <summary>Every baseline's scores of the examples, by report name.</summary>
    public Dictionary<string, IReadOnlyList<float>> Score(IReadOnlyList<ChurnExample> examples, TimeSpan horizon)
    {
        var scores = new Dictionary<string, IReadOnlyList<float>>(StringComparer.Ordinal)
        {
            ["recency"] = examples.Select(e => Recency.Score(e.Features)).ToList(),
            ["rule"] = examples.Select(e => BaselineChurnScore.Score(e.Features)).ToList(),
        };
        if (BgNbd is { } parameters)
        {
            scores["bgnbd"] = examples.Select(e => BgNbdBaseline.Score(parameters, e.Features, horizon.TotalDays)).ToList();
        }

        return scores;
    }
}
