using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Scoring.Training;

/// <summary><c>metadata.json</c>: where a model came from, so a version can be understood and reproduced later.</summary>
public sealed record ModelMetadata
{
    public string Version { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public int FeatureSchemaVersion { get; init; }

    public string Source { get; init; } = "";

    public DateTimeOffset? DataStart { get; init; }

    public DateTimeOffset? DataEnd { get; init; }

    public long EventCount { get; init; }

    public IReadOnlyList<DateTimeOffset> Cutoffs { get; init; } = [];

    public double HorizonDays { get; init; }

    public int MinOrders { get; init; }

    public string Split { get; init; } = "";

    public int TrainExamples { get; init; }

    public int ValidationExamples { get; init; }

    public int HoldoutExamples { get; init; }

    /// <summary>Folds of the cross-fitted report (<see cref="CrossFitting"/>); 0 when the report is a holdout's.</summary>
    public int CrossFitFolds { get; init; }

    /// <summary>Examples scored out of fold in the cross-fitted report (every example of the run); 0 with a holdout.</summary>
    public int CrossFittedExamples { get; init; }

    public string Trainer { get; init; } = "";

    public IReadOnlyDictionary<string, string> TrainerParameters { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<CandidateResult> Candidates { get; init; } = [];

    /// <summary>Set when the model scores every customer alike (kept only with <c>--force</c>): that one score.</summary>
    public double? ConstantScore { get; init; }

    /// <summary>The recency baseline fitted on the same training examples (evaluations reuse it).</summary>
    public double RecencyIntercept { get; init; }

    public double RecencySlope { get; init; }

    /// <summary>
    /// BG/NBD parameters (days) fitted on the training examples: they compute the model's BG/NBD features (training and
    /// serving) and the <c>bgnbd</c> baseline of later evaluations. Null when the fit failed (those features are missing).
    /// </summary>
    public BgNbdParameters? BgNbd { get; init; }

    /// <summary>Platt scaling fitted on the validation part and out-of-part training scores (OutOfPartScores), applied to every score; null (identity) for older versions.</summary>
    public PlattCalibration? Calibration { get; init; }

    /// <summary>Isotonic calibration fitted on the same rows as Platt; when set it replaces <see cref="Calibration"/>.</summary>
    public IsotonicCalibration? Isotonic { get; init; }
}
