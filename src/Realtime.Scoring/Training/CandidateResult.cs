namespace Realtime.Scoring.Training;

/// <summary>A trainer tried during training and how it did on the validation examples at its best number of trees.</summary>
public sealed record CandidateResult(string Trainer, double ValidationRocAuc, double ValidationLogLoss, double TrainSeconds)
{
    /// <summary>The number of trees chosen on validation (0 in versions trained before the choice existed).</summary>
    public int Trees { get; init; }
}
