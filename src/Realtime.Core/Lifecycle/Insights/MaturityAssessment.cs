namespace Realtime.Core.Lifecycle.Insights;

/// <summary>A store's maturity stage and the share of marketing effort advised for retention (0–1; the rest acquisition).</summary>
public sealed record MaturityAssessment(MaturityStage Stage, double RecommendedRetentionShare, double SalesPerDay, double StoreAgeDays)
{
    /// <summary>The stage's wire name, e.g. <c>gaining_traction</c>.</summary>
    public string StageName => StoreMaturity.ToWire(Stage);
}
