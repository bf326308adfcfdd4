namespace Realtime.Scoring.Serving;

/// <summary>Coarse churn risk for people and rules; thresholds in <see cref="ChurnScorerOptions"/>.</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
}
