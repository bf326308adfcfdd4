namespace Realtime.Scoring.Training;

/// <summary><c>features.json</c>: the schema a model was trained on, and each feature's reference value for explanations.</summary>
public sealed record FeaturesFile
{
    public int SchemaVersion { get; init; }

    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Training medians: the "typical customer" contributions are measured against.</summary>
    public IReadOnlyList<float> Reference { get; init; } = [];

    /// <summary>Trees splitting on each feature: a coarse global importance.</summary>
    public IReadOnlyList<int> TreesPerFeature { get; init; } = [];
}
