using Microsoft.ML;
using Realtime.Core.Churn;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// What <see cref="ChurnFitProcedure"/> fitted from one training part and one validation part: BG/NBD parameters (which
/// also fill the model's BG/NBD features), the chosen trainer and tree count, the calibration, the recency
/// baseline and the reference medians. It can score only examples given to it afterwards: its inputs never change.
/// </summary>
internal sealed record FittedChurnModel(
    ChurnTrainerKind Kind,
    ITransformer Model,
    CompiledForest Forest,
    int Trees,
    BgNbdParameters? BgNbd,
    PlattCalibration Calibration,
    IsotonicCalibration? Isotonic,
    RecencyBaseline Recency,
    float[] Reference,
    IReadOnlyList<CandidateResult> Candidates,
    int TrainExamples,
    int ValidationExamples)
{
    /// <summary>The calibrated churn score of each example, on a copy of its features filled with this fit's BG/NBD parameters.</summary>
    public IReadOnlyList<float> Score(IReadOnlyList<ChurnExample> examples, TimeSpan horizon)
    {
        var features = new float[FeatureSchema.Count];
        var scores = new float[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            examples[i].Features.CopyTo(features, 0);
            ChurnModelFeatures.Fill(features, BgNbd, horizon.TotalDays);
            scores[i] = Calibrate(Forest.Predict(features));
        }

        return scores;
    }

    /// <summary>The calibrated probability of a raw forest probability: isotonic when fitted, else Platt.</summary>
    public float Calibrate(float raw) => Isotonic?.Apply(raw) ?? Calibration.Apply(raw);

    /// <summary>The model's and every baseline's scores of examples this fit has not seen.</summary>
    public FoldScores ScoreUnseen(IReadOnlyList<ChurnExample> examples, TimeSpan horizon) =>
        new(Score(examples, horizon), new Baselines(Recency, BgNbd).Score(examples, horizon));
}
