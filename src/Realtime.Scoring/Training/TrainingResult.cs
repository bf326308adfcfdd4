namespace Realtime.Scoring.Training;

/// <summary>What a training run produced: a published (not yet promoted) version folder and its report.</summary>
public sealed record TrainingResult(string Version, string Folder, ModelMetadata Metadata, ModelReport Report);
