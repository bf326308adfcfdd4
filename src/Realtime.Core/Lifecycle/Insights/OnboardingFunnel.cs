namespace Realtime.Core.Lifecycle.Insights;

/// <summary>The onboarding funnel (registered → first → second → third order): overall, by channel, by cohort week.</summary>
public sealed record OnboardingFunnel(
    FunnelRow Overall,
    IReadOnlyList<FunnelRow> Channels,
    IReadOnlyList<FunnelRow> Cohorts,
    SecondPurchaseWindow SecondPurchaseWindow);
