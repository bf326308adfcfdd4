namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Turns the lifecycle counters (as read back in one HGETALL) into the <see cref="LifecycleSummary"/>.</summary>
public static class LifecycleInsights
{
    /// <summary>Days of orders averaged for the maturity stage: four whole weeks, so weekday patterns cancel out.</summary>
    public const int SalesWindowDays = 28;

    /// <summary>Weeks of new/returning customer counts in the summary.</summary>
    public const int SummaryWeeks = 8;

    /// <summary>
    /// The summary at <paramref name="now"/>. <paramref name="storeAgeDays"/> overrides the store age, which is otherwise
    /// the span back to the oldest <c>orders:</c> day still kept (capped by the counter retention, which exceeds a year).
    /// </summary>
    public static LifecycleSummary Summarize(IReadOnlyDictionary<string, double> counters, DateTimeOffset now, LifecycleOptions options, double? storeAgeDays = null)
    {
        var sizes = SegmentNames.All.ToDictionary(s => s.ToWire(), s => Math.Max(0, counters.GetValueOrDefault(CounterKeys.Segment(s))), StringComparer.Ordinal);
        var channels = Channels(counters, options.GrossMargin);
        var overall = Economics(
            "all",
            channels.Sum(c => c.Customers),
            channels.Sum(c => c.AcquisitionCost),
            channels.Sum(c => c.NetRevenue),
            channels.Sum(c => c.Clv));
        double ordersInWindow = 0;
        for (var d = 0; d < SalesWindowDays; d++)
        {
            ordersInWindow += counters.GetValueOrDefault(CounterKeys.Orders(CounterKeys.Day(now.AddDays(-d))));
        }

        var weeks = Enumerable.Range(0, SummaryWeeks).Reverse()
            .Select(w => CounterKeys.Week(now.AddDays(-7 * w)))
            .Select(w => new WeeklyCustomers(w, counters.GetValueOrDefault(CounterKeys.NewCustomers(w)), counters.GetValueOrDefault(CounterKeys.ReturningCustomers(w))))
            .ToList();
        return new LifecycleSummary
        {
            Customers = counters.GetValueOrDefault(CounterKeys.Customers),
            Buyers = counters.GetValueOrDefault(CounterKeys.Buyers),
            SegmentSizes = sizes,
            ReturningRevenueShare30 = ReturningShare(counters, now, 30),
            ReturningRevenueShare90 = ReturningShare(counters, now, 90),
            ReturningRevenueShare365 = ReturningShare(counters, now, 365),
            Overall = overall,
            Channels = channels,
            Weeks = weeks,
            Maturity = StoreMaturity.Classify(ordersInWindow / SalesWindowDays, storeAgeDays ?? StoreAge(counters, now), options.Maturity),
            Funnel = FunnelSummary.From(counters, now, options.Funnel),
        };
    }

    /// <summary>Repeat-order share of net revenue over the <paramref name="days"/> days up to and including today; null without revenue.</summary>
    public static double? ReturningShare(IReadOnlyDictionary<string, double> counters, DateTimeOffset now, int days)
    {
        double returning = 0;
        double first = 0;
        for (var d = 0; d < days; d++)
        {
            var day = CounterKeys.Day(now.AddDays(-d));
            returning += counters.GetValueOrDefault(CounterKeys.ReturningRevenue(day));
            first += counters.GetValueOrDefault(CounterKeys.FirstOrderRevenue(day));
        }

        var total = returning + first;
        return total > 0 ? Math.Clamp(returning / total, 0, 1) : null;
    }

    private static List<ChannelEconomics> Channels(IReadOnlyDictionary<string, double> counters, double margin)
    {
        var names = counters.Keys
            .Where(k => k.StartsWith("chan:", StringComparison.Ordinal) && k.EndsWith(":customers", StringComparison.Ordinal))
            .Select(k => k["chan:".Length..^":customers".Length]);
        return names
            .Select(ch => Economics(
                ch,
                counters.GetValueOrDefault(CounterKeys.ChannelMeasure(ch, "customers")),
                counters.GetValueOrDefault(CounterKeys.ChannelMeasure(ch, "cac")),
                counters.GetValueOrDefault(CounterKeys.ChannelMeasure(ch, "revenue")),
                counters.GetValueOrDefault(CounterKeys.ChannelMeasure(ch, "clv")) * margin))
            .Where(c => c.Customers > 0)
            .OrderByDescending(c => c.Customers)
            .ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
    }

    private static ChannelEconomics Economics(string channel, double customers, double cac, double revenue, double clv)
    {
        double? ratio = cac > 0 ? clv / cac : null;
        return new ChannelEconomics(channel, customers, cac, revenue, clv, ratio, ChannelEconomics.VerdictOf(ratio));
    }

    private static double StoreAge(IReadOnlyDictionary<string, double> counters, DateTimeOffset now)
    {
        DateTimeOffset? oldest = null;
        foreach (var (key, value) in counters)
        {
            if (value > 0 && key.StartsWith("orders:", StringComparison.Ordinal) && CounterKeys.DateOf(key) is { } day && (oldest is null || day < oldest))
            {
                oldest = day;
            }
        }

        return oldest is { } o ? Math.Max(0, (now - o).TotalDays) : 0;
    }
}
