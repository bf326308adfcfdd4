using System.Globalization;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// Names of the onboarding funnel's counters, in the same hash as the other lifecycle counters. A scope is
/// <c>all</c>, <c>chan.&lt;channel&gt;</c> or <c>coh.&lt;ISO week&gt;</c>; no key ends in a date label, so none expires
/// with the dated flows (a standing count that expired would go negative when its customer moves on).
/// </summary>
public static class FunnelKeys
{
    /// <summary>Gap histograms cap here: a gap of 365 days or more is counted in the 365 bucket.</summary>
    public const int MaxGapDays = 365;

    public const string Prefix = "fun:";
    public const string AllScope = "all";
    public const string ChannelScopePrefix = "chan.";
    public const string CohortScopePrefix = "coh.";

    /// <summary>The funnel's steps, in order: entered (registered, or first order without a registration), then orders 1 to 3.</summary>
    public static readonly string[] Steps = ["entered", "o1", "o2", "o3"];

    public static string ChannelScope(string channel) => ChannelScopePrefix + channel;

    public static string CohortScope(string week) => CohortScopePrefix + week;

    /// <summary>Customers of a scope who reached a step: <c>fun:chan.email:o2</c>.</summary>
    public static string Step(string scope, int step) => $"{Prefix}{scope}:{Steps[step]}";

    /// <summary>
    /// Customers of a scope whose gap before order <paramref name="order"/> (1: from registration; 2, 3: from the
    /// previous order) was <paramref name="days"/> whole days: <c>fun:gap2:all:14</c>.
    /// </summary>
    public static string Gap(int order, string scope, int days) =>
        FormattableString.Invariant($"{Prefix}gap{order}:{scope}:{Math.Clamp(days, 0, MaxGapDays)}");

    /// <summary>First-time buyers (exactly one order) by the UTC day number (days since 1970-01-01) of that order: <c>fun:ftb:20415</c>.</summary>
    public static string FirstTimeBuyers(long dayNumber) => Prefix + "ftb:" + dayNumber.ToString(CultureInfo.InvariantCulture);
}
