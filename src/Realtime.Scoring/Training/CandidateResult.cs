namespace Realtime.Scoring.Training;

/// <summary>A trainer tried during training and how it did on the validation examples.</summary>
public sealed record CandidateResult(string Trainer, double ValidationRocAuc, double ValidationLogLoss, double TrainSeconds);
