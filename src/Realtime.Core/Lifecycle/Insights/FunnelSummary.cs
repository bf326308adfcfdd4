using System.Globalization;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Reads the onboarding funnel out of the lifecycle counters (the same HGETALL as the summary).</summary>
public static class FunnelSummary
{
    /// <summary>The funnel at <paramref name="now"/>: channels largest first, cohorts oldest first.</summary>
    public static OnboardingFunnel From(IReadOnlyDictionary<string, double> counters, DateTimeOffset now, FunnelOptions options)
    {
        var scopes = counters.Keys
            .Where(k => k.StartsWith(FunnelKeys.Prefix, StringComparison.Ordinal) && k.EndsWith(":" + FunnelKeys.Steps[0], StringComparison.Ordinal))
            .Select(k => k[FunnelKeys.Prefix.Length..^(FunnelKeys.Steps[0].Length + 1)])
            .ToList();
        var channels = scopes
            .Where(s => s.StartsWith(FunnelKeys.ChannelScopePrefix, StringComparison.Ordinal))
            .Select(s => Row(counters, s, s[FunnelKeys.ChannelScopePrefix.Length..], withMedians: true))
            .Where(r => r.Entered > 0)
            .OrderByDescending(r => r.Entered)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var cohorts = scopes
            .Where(s => s.StartsWith(FunnelKeys.CohortScopePrefix, StringComparison.Ordinal))
            .Select(s => Row(counters, s, s[FunnelKeys.CohortScopePrefix.Length..], withMedians: false))
            .Where(r => r.Entered > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new OnboardingFunnel(Row(counters, FunnelKeys.AllScope, FunnelKeys.AllScope, withMedians: true), channels, cohorts, Window(counters, now, options));
    }

    /// <summary>
    /// The lower median of a day histogram: the smallest day whose cumulative count reaches half the total (for n
    /// values sorted ascending, the value at index ⌈n/2⌉ − 1). Null when empty.
    /// </summary>
    public static int? LowerMedian(IReadOnlyDictionary<int, double> histogram)
    {
        var total = histogram.Values.Where(v => v > 0).Sum();
        if (total <= 0)
        {
            return null;
        }

        var half = Math.Ceiling(total / 2);
        double seen = 0;
        foreach (var (day, count) in histogram.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key))
        {
            seen += count;
            if (seen >= half)
            {
                return day;
            }
        }

        return null;
    }

    private static FunnelRow Row(IReadOnlyDictionary<string, double> counters, string scope, string key, bool withMedians)
    {
        double Step(int step) => Math.Max(0, counters.GetValueOrDefault(FunnelKeys.Step(scope, step)));
        int? Median(int order) => withMedians ? LowerMedian(Histogram(counters, order, scope)) : null;
        return new FunnelRow(key, Step(0), Step(1), Step(2), Step(3), Median(1), Median(2), Median(3));
    }

    private static Dictionary<int, double> Histogram(IReadOnlyDictionary<string, double> counters, int order, string scope)
    {
        var prefix = $"{FunnelKeys.Prefix}gap{order}:{scope}:";
        var histogram = new Dictionary<int, double>();
        foreach (var (k, v) in counters)
        {
            if (k.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(k.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                histogram[day] = v;
            }
        }

        return histogram;
    }

    private static SecondPurchaseWindow Window(IReadOnlyDictionary<string, double> counters, DateTimeOffset now, FunnelOptions options)
    {
        var today = Math.DivRem(now.ToUnixTimeMilliseconds(), TimeUnits.MsPerDay).Quotient;
        var prefix = FunnelKeys.Prefix + "ftb:";
        double buyers = 0;
        double inWindow = 0;
        foreach (var (k, v) in counters)
        {
            if (v > 0 && k.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(k.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                buyers += v;
                var age = today - day;
                if (age >= options.SecondPurchaseWindowStartDays && age <= options.SecondPurchaseWindowEndDays)
                {
                    inWindow += v;
                }
            }
        }

        return new SecondPurchaseWindow(options.SecondPurchaseWindowStartDays, options.SecondPurchaseWindowEndDays, buyers, inWindow);
    }
}
