using Microsoft.ML.Data;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>One (query, candidate) row as ML.NET reads it: relevance label, query id, features.</summary>
internal sealed class RankerRow
{
    public float Label { get; set; }

    /// <summary>Query number + 1; <see cref="RankerTrainer"/> maps it to the key column LightGBM groups by.</summary>
    public uint Query { get; set; }

    [VectorType(RankerFeatures.Count)]
    public float[] Features { get; set; } = [];
}
