using Realtime.Core.Churn;

namespace Realtime.Scoring.Training;

/// <summary>Out-of-fold scores of every example (<see cref="CrossFitting"/>), aligned with <see cref="Examples"/>.</summary>
public sealed record CrossFitResult(
    int Folds, IReadOnlyList<ChurnExample> Examples, IReadOnlyList<float> Model, IReadOnlyDictionary<string, IReadOnlyList<float>> Baselines)
{
    public IReadOnlyList<bool> Labels { get; } = Examples.Select(e => e.Churned).ToList();
}
