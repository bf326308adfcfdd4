namespace Realtime.Scoring.Ranking;

/// <summary>
/// <c>ranker.json</c> of a ranker version: the feature schema it was trained on (a build computing another one
/// refuses it), when and on what it was trained, and what early stopping chose.
/// </summary>
public sealed record RankerManifest
{
    public int SchemaVersion { get; init; }

    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the examples were built from (files or topic), for people.</summary>
    public string TrainedOn { get; init; } = string.Empty;

    /// <summary>First and last event time of the history replayed.</summary>
    public DateTimeOffset DataStart { get; init; }

    public DateTimeOffset DataEnd { get; init; }

    /// <summary>Start of the validation window (queries from here to <see cref="DataEnd"/> early-stopped the model).</summary>
    public DateTimeOffset ValidationStart { get; init; }

    public int TrainingQueries { get; init; }

    public int ValidationQueries { get; init; }

    public int Rounds { get; init; }

    /// <summary>NDCG@10 over the validation queries' candidates of the model fitted on the training queries alone.</summary>
    public double ValidationNdcgAt10 { get; init; }

    public RankerTrainingOptions Options { get; init; } = new();
}
