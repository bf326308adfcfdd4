namespace Realtime.Core.Lifecycle.Insights;

/// <summary>The store-level lifecycle picture served by <c>InsightsService.GetLifecycleSummary</c>.</summary>
public sealed record LifecycleSummary
{
    public required double Customers { get; init; }

    public required double Buyers { get; init; }

    /// <summary>Members per segment wire name (every segment present, 0 when empty).</summary>
    public required IReadOnlyDictionary<string, double> SegmentSizes { get; init; }

    /// <summary>Share of net revenue from repeat orders over the last 30 days (null without revenue).</summary>
    public double? ReturningRevenueShare30 { get; init; }

    public double? ReturningRevenueShare90 { get; init; }

    public double? ReturningRevenueShare365 { get; init; }

    /// <summary>All channels together (blended: total CLV over total acquisition cost).</summary>
    public required ChannelEconomics Overall { get; init; }

    /// <summary>Per channel, largest first.</summary>
    public required IReadOnlyList<ChannelEconomics> Channels { get; init; }

    /// <summary>The most recent weeks, oldest first, the current (partial) week last.</summary>
    public required IReadOnlyList<WeeklyCustomers> Weeks { get; init; }

    public required MaturityAssessment Maturity { get; init; }

    /// <summary>Registered → first → second → third order, overall, by channel and by cohort week.</summary>
    public required OnboardingFunnel Funnel { get; init; }
}
