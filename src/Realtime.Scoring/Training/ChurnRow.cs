using Microsoft.ML.Data;
using Realtime.Core.Churn;

namespace Realtime.Scoring.Training;

/// <summary>The ML.NET input row: the feature vector and the label. Its shape is the saved model's input schema.</summary>
internal sealed class ChurnRow
{
    [VectorType(FeatureSchema.Count)]
    public float[] Features { get; set; } = new float[FeatureSchema.Count];

    /// <summary>True = churned.</summary>
    public bool Label { get; set; }
}
