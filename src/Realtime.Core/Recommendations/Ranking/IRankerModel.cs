namespace Realtime.Core.Recommendations.Ranking;

/// <summary>A learned scoring function over <see cref="RankerFeatures"/> vectors (higher = rank first). Thread-safe.</summary>
public interface IRankerModel
{
    /// <summary>The model's version name (for logs and responses).</summary>
    string Version { get; }

    /// <summary>The score of one candidate's feature vector (<see cref="RankerFeatures.Count"/> values).</summary>
    double Score(ReadOnlySpan<float> features);
}
