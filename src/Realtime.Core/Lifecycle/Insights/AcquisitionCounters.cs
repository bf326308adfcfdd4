using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// The acquisition report's share of <see cref="LifecycleCounters.Delta"/>, for registered customers only (those with a
/// <c>customer_registered</c>: their channel, campaign and registration time are known). Customers, buyers, acquisition
/// cost and registrations per day are standing counts (remove the old contribution, add the new), so a second
/// registration that moves a customer to another campaign moves it exactly. Revenue in the CLV windows and the cohort
/// cells are flows: the change in the customer's net revenue (orders minus refunds) on the day of the event, counted
/// under the pair and registration known then, when the event is dated on or after the registration.
/// </summary>
internal static class AcquisitionCounters
{
    public static void Add(Action<string, double> add, LifecycleSnapshot before, LifecycleSnapshot after, DateTimeOffset at)
    {
        // Equal standing on both sides cancels exactly (LifecycleCounters.Delta leaves zero sums out): skip building its keys.
        if (!SameStanding(before, after))
        {
            AddStanding(add, before, -1);
            AddStanding(add, after, 1);
        }

        var revenue = after.NetRevenue - before.NetRevenue;
        if (revenue == 0 || after.RegisteredAtMs <= 0 || before.RegisteredAtMs != after.RegisteredAtMs || before.Pair != after.Pair)
        {
            return;
        }

        var registered = DateTimeOffset.FromUnixTimeMilliseconds(after.RegisteredAtMs);
        var sinceMs = at.ToUnixTimeMilliseconds() - after.RegisteredAtMs;
        if (sinceMs < 0)
        {
            return; // dated before the registration: not revenue of the acquired customer
        }

        foreach (var days in AcquisitionKeys.ClvWindows)
        {
            if (sinceMs < days * TimeUnits.MsPerDay)
            {
                add(AcquisitionKeys.WindowRevenue(after.Pair, days), revenue);
            }
        }

        var months = AcquisitionKeys.MonthsBetween(registered, at);
        if (months < AcquisitionKeys.CohortMonths)
        {
            add(AcquisitionKeys.CohortRevenue(AcquisitionKeys.Month(registered), months), revenue);
        }
    }

    // Everything AddStanding reads.
    private static bool SameStanding(LifecycleSnapshot a, LifecycleSnapshot b) =>
        a.Known == b.Known && a.RegisteredAtMs == b.RegisteredAtMs && (a.OrderCount > 0) == (b.OrderCount > 0)
        && a.AcquisitionCost.Equals(b.AcquisitionCost) && string.Equals(a.Pair, b.Pair, StringComparison.Ordinal);

    private static void AddStanding(Action<string, double> add, LifecycleSnapshot s, int sign)
    {
        if (!s.Known || s.RegisteredAtMs <= 0)
        {
            return;
        }

        var registered = DateTimeOffset.FromUnixTimeMilliseconds(s.RegisteredAtMs);
        add(AcquisitionKeys.Measure(s.Pair, "customers"), sign);
        add(AcquisitionKeys.Measure(s.Pair, "cost"), sign * s.AcquisitionCost);
        add(AcquisitionKeys.Registrations(s.Pair, CounterKeys.Day(registered)), sign);
        add(AcquisitionKeys.CohortCustomers(AcquisitionKeys.Month(registered)), sign);
        if (s.OrderCount > 0)
        {
            add(AcquisitionKeys.Measure(s.Pair, "buyers"), sign);
        }
    }
}
