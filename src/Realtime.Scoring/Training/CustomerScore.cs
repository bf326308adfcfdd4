namespace Realtime.Scoring.Training;

/// <summary>One evaluated example: the model's churn score for a customer at a cutoff, and what actually happened.</summary>
public sealed record CustomerScore(string CustomerId, DateTimeOffset Cutoff, double Score, bool Churned);
