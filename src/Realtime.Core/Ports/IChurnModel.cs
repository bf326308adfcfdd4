using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>The churn model currently serving (a trained model from the registry, or the documented baseline).</summary>
public interface IChurnModel
{
    /// <summary>The version of the built-in baseline, which answers while no trained model is promoted.</summary>
    const string BaselineVersion = "baseline";

    /// <summary>The version answering now (<see cref="BaselineVersion"/> when no model is promoted).</summary>
    string Version { get; }

    /// <summary>Churn risk of <paramref name="state"/> evaluated at <paramref name="now"/>, with its top contributing features.</summary>
    ChurnAssessment Assess(CustomerState state, DateTimeOffset now, int topFeatures);
}

/// <summary>One churn score: probability in [0,1], risk band, the model version that produced it, and why.</summary>
public sealed record ChurnAssessment(double Score, string Band, string ModelVersion, IReadOnlyList<FeatureImpact> TopFeatures)
{
    /// <summary>The score segments use (<see cref="IChurnScoreSource"/>'s rule): this one from a trained model, none from the baseline.</summary>
    public double? SegmentScore => string.Equals(ModelVersion, IChurnModel.BaselineVersion, StringComparison.Ordinal) ? null : Score;
}

/// <summary>A feature's value and how much it moved the score.</summary>
public readonly record struct FeatureImpact(string Name, double Value, double Contribution);
