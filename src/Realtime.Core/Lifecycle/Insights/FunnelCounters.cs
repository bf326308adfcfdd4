using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// The onboarding funnel's share of <see cref="LifecycleCounters.Delta"/>. Steps reached and first-time buyers by
/// order day are standing counts (remove the old contribution, add the new), so a channel or registration learned
/// later moves the customer exactly. Gaps between steps are flows, counted once when the step is reached, under the
/// channel known then; an order arriving later but dated earlier does not re-date a gap already counted.
/// </summary>
internal static class FunnelCounters
{
    public static void Add(Action<string, double> add, LifecycleSnapshot before, LifecycleSnapshot after)
    {
        // Equal standing on both sides cancels exactly (LifecycleCounters.Delta leaves zero sums out): skip building its keys.
        if (!SameStanding(before, after))
        {
            AddStanding(add, before, -1);
            AddStanding(add, after, 1);
        }

        for (var order = 1; order <= 3; order++)
        {
            if (before.OrderCount < order && after.OrderCount >= order && GapDays(after, order) is { } days)
            {
                add(FunnelKeys.Gap(order, FunnelKeys.AllScope, days), 1);
                add(FunnelKeys.Gap(order, FunnelKeys.ChannelScope(after.Channel), days), 1);
            }
        }
    }

    /// <summary>
    /// The ISO week of the customer's funnel cohort: the registration's week, or the first order's for a customer who
    /// ordered without registering (who enters the funnel at that order). Null before either.
    /// </summary>
    public static string? CohortWeek(LifecycleSnapshot s) =>
        s.RegisteredAtMs > 0 ? CounterKeys.Week(DateTimeOffset.FromUnixTimeMilliseconds(s.RegisteredAtMs))
        : s.OrderCount > 0 && s.FirstOrderMs > 0 ? CounterKeys.Week(DateTimeOffset.FromUnixTimeMilliseconds(s.FirstOrderMs))
        : null;

    // Everything AddStanding reads (the cohort week comes from the registration, first order and order count).
    private static bool SameStanding(LifecycleSnapshot a, LifecycleSnapshot b) =>
        a.RegisteredAtMs == b.RegisteredAtMs && a.OrderCount == b.OrderCount && a.FirstOrderMs == b.FirstOrderMs
        && string.Equals(a.Channel, b.Channel, StringComparison.Ordinal);

    private static void AddStanding(Action<string, double> add, LifecycleSnapshot s, int sign)
    {
        if (CohortWeek(s) is not { } week)
        {
            return;
        }

        var reached = Math.Min(s.OrderCount, 3);
        foreach (var scope in new[] { FunnelKeys.AllScope, FunnelKeys.ChannelScope(s.Channel), FunnelKeys.CohortScope(week) })
        {
            for (var step = 0; step <= reached; step++)
            {
                add(FunnelKeys.Step(scope, step), sign);
            }
        }

        if (s.OrderCount == 1 && s.FirstOrderMs > 0)
        {
            add(FunnelKeys.FirstTimeBuyers(Math.DivRem(s.FirstOrderMs, TimeUnits.MsPerDay).Quotient), sign);
        }
    }

    // Whole days (rounded down) before the order-th order: from the registration for the first (only when the customer
    // registered before ordering), from the previous order otherwise; null when the times are not known.
    private static int? GapDays(LifecycleSnapshot s, int order)
    {
        var (from, to) = order switch
        {
            1 => (s.RegisteredAtMs, s.FirstOrderMs),
            2 => (s.FirstOrderMs, s.SecondOrderMs),
            _ => (s.SecondOrderMs, s.ThirdOrderMs),
        };
        return from > 0 && to >= from ? (int)Math.Min((to - from) / TimeUnits.MsPerDay, FunnelKeys.MaxGapDays) : null;
    }
}
