using Realtime.Core.State;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Serving;

/// <summary>A validated model version ready to score (immutable, shared by all threads).</summary>
/// <param name="Version">The version name.</param>
/// <param name="Forest">The directly evaluated ensemble.</param>
/// <param name="Reference">Per-feature reference values for contributions.</param>
/// <param name="Metadata">The version's metadata.json.</param>
public sealed record LoadedChurnModel(string Version, CompiledForest Forest, float[] Reference, ModelMetadata Metadata)
{
    private readonly PlattCalibration _calibration = Metadata.Calibration ?? PlattCalibration.Identity;

    /// <summary>The calibrated churn probability of a complete vector (see <see cref="ComputeFeatures"/>).</summary>
    public float Predict(ReadOnlySpan<float> features) => Metadata.Isotonic?.Apply(Forest.Predict(features)) ?? _calibration.Apply(Forest.Predict(features));

    /// <summary>This model's whole feature vector for a state (its own BG/NBD parameters and horizon).</summary>
    public void ComputeFeatures(CustomerState state, DateTimeOffset now, Span<float> features) =>
        ChurnModelFeatures.Compute(state, now, Metadata.BgNbd, Metadata.HorizonDays, features);

    /// <summary>Rewrites the model-dependent slots of a vector built by <see cref="Core.Churn.ChurnFeatures"/> for this model.</summary>
    public void FillFeatures(Span<float> features) => ChurnModelFeatures.Fill(features, Metadata.BgNbd, Metadata.HorizonDays);
}
