namespace Realtime.Scoring.Training;

/// <summary>
/// What a training run produced: a published (not yet promoted) version folder, its report, the evaluated per-customer
/// scores (for <c>--scores-out</c>: the holdout's, or every customer's out of fold), whether the model is constant
/// (kept only when forced), and with a customer split the cross-fitted scores of the model and of every baseline.
/// </summary>
public sealed record TrainingResult(string Version, string Folder, ModelMetadata Metadata, ModelReport Report, IReadOnlyList<CustomerScore> HoldoutScores, bool IsConstant)
{
    /// <summary>The out-of-fold scores the report measured; null when the report is a holdout's.</summary>
    public CrossFitResult? CrossFit { get; init; }
}
