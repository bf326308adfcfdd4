namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// First-time buyers (exactly one order) and how many of them are now between <see cref="StartDays"/> and
/// <see cref="EndDays"/> days (UTC days, inclusive) after that order: where a second-purchase incentive is advised.
/// </summary>
public sealed record SecondPurchaseWindow(int StartDays, int EndDays, double FirstTimeBuyers, double InWindow)
{
    /// <summary><see cref="InWindow"/> over <see cref="FirstTimeBuyers"/>; null without first-time buyers.</summary>
    public double? Share => FirstTimeBuyers > 0 ? Math.Clamp(InWindow / FirstTimeBuyers, 0, 1) : null;
}
