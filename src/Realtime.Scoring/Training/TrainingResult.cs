namespace Realtime.Scoring.Training;

/// <summary>
/// What a training run produced: a published (not yet promoted) version folder, its report, the holdout's
/// per-customer scores (for <c>--scores-out</c>), and whether the model is constant (kept only when forced).
/// </summary>
public sealed record TrainingResult(string Version, string Folder, ModelMetadata Metadata, ModelReport Report, IReadOnlyList<CustomerScore> HoldoutScores, bool IsConstant);
