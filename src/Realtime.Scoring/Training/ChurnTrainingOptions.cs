using Realtime.Core.Churn;

namespace Realtime.Scoring.Training;

/// <summary>Settings of one training run (<c>realtime train</c>). Defaults suit a few years of store history.</summary>
public sealed class ChurnTrainingOptions
{
    /// <summary>The registry root the new version folder is written under (e.g. <c>models/</c>).</summary>
    public required string ModelsRoot { get; init; }

    /// <summary>Churn = no order within this long after a cutoff. Default 90 days.</summary>
    public TimeSpan Horizon { get; init; } = TrainingSetOptions.DefaultHorizon;

    /// <summary>Explicit cutoffs; null plans them with <see cref="CutoffPlan.Backtest"/> (up to <see cref="MaxCutoffs"/>).</summary>
    public IReadOnlyList<DateTimeOffset>? Cutoffs { get; init; }

    public int MaxCutoffs { get; init; } = 6;

    /// <summary>End of the observed history (labels need cutoff + horizon ≤ it); null = the last event.</summary>
    public DateTimeOffset? DataEnd { get; init; }

    public int MinOrders { get; init; } = 1;

    public ChurnSplitMethod Split { get; init; } = ChurnSplitMethod.Auto;

    /// <summary>
    /// With a customer split: the report is <see cref="CrossFitting"/> over this many folds (every customer scored by a
    /// fit that never saw them) and the saved model is fitted on every customer. Below 2: the 60/20/20 holdout. Default 5.
    /// </summary>
    public int Folds { get; init; } = 5;

    /// <summary>Candidate trainers; the one with the best validation ROC AUC (at its best number of trees) is kept.</summary>
    public IReadOnlyList<ChurnTrainerKind> Trainers { get; init; } = [ChurnTrainerKind.LightGbm, ChurnTrainerKind.FastTree];

    /// <summary>The most trees per candidate; the number used is chosen on the validation part (multiples of 10).</summary>
    public int NumberOfTrees { get; init; } = 300;

    public int NumberOfLeaves { get; init; } = 8;

    public double LearningRate { get; init; } = 0.03;

    public int MinimumExamplesPerLeaf { get; init; } = 100;

    /// <summary>
    /// How scores are calibrated (on the validation part and out-of-part scores of the training part): <see cref="ChurnCalibrationKind.Platt"/> (default) or
    /// <see cref="ChurnCalibrationKind.Isotonic"/> when a sigmoid leaves a decile gap.
    /// </summary>
    public ChurnCalibrationKind Calibration { get; init; } = ChurnCalibrationKind.Platt;

    /// <summary>Register a model that scores every customer alike (refused by default: <see cref="ConstantModelException"/>).</summary>
    public bool AllowConstantModel { get; init; }

    /// <summary>ML.NET seed, so the same data gives the same model.</summary>
    public int Seed { get; init; } = 1;
}
