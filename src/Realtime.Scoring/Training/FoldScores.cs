namespace Realtime.Scoring.Training;

/// <summary>Scores of one fold's examples, in their order: the model's and each baseline's (by report name).</summary>
public sealed record FoldScores(IReadOnlyList<float> Model, IReadOnlyDictionary<string, IReadOnlyList<float>> Baselines);
