using System.Globalization;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Reads the onboarding funnel out of the lifecycle counters (the same HGETALL as the summary).</summary>
public static class FunnelSummary
{
    /// <summary>The funnel at <paramref name="now"/>: channels largest first, cohorts oldest first.</summary>
    public static OnboardingFunnel From(IReadOnlyDictionary<string, double> counters, DateTimeOffset now, FunnelOptions options)
    {
        // One pass over the hash: the gap histograms by (order, scope), the first-time buyers by day, the scopes seen.
        var histograms = new Dictionary<(int Order, string Scope), Dictionary<int, double>>();
        var firstTimeBuyers = new Dictionary<long, double>();
        var scopes = new List<string>();
        var entered = ":" + FunnelKeys.Steps[0];
        foreach (var (key, value) in counters)
        {
            if (!key.StartsWith(FunnelKeys.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key.AsSpan(FunnelKeys.Prefix.Length);
            if (rest.StartsWith("ftb:") && long.TryParse(rest[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                firstTimeBuyers[day] = value;
            }
            else if (rest.StartsWith("gap") && rest.Length > 5 && rest[4] == ':' && rest.LastIndexOf(':') is var last and > 4
                && int.TryParse(rest[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                var slot = (rest[3] - '0', rest[5..last].ToString());
                if (!histograms.TryGetValue(slot, out var histogram))
                {
                    histograms[slot] = histogram = [];
                }

                histogram[days] = value;
            }
            else if (key.EndsWith(entered, StringComparison.Ordinal))
            {
                scopes.Add(key[FunnelKeys.Prefix.Length..^entered.Length]);
            }
        }

        FunnelRow Row(string scope, string key, bool withMedians)
        {
            double Step(int step) => Math.Max(0, counters.GetValueOrDefault(FunnelKeys.Step(scope, step)));
            int? Median(int order) => withMedians && histograms.TryGetValue((order, scope), out var h) ? LowerMedian(h) : null;
            return new FunnelRow(key, Step(0), Step(1), Step(2), Step(3), Median(1), Median(2), Median(3));
        }

        var channels = scopes
            .Where(s => s.StartsWith(FunnelKeys.ChannelScopePrefix, StringComparison.Ordinal))
            .Select(s => Row(s, s[FunnelKeys.ChannelScopePrefix.Length..], withMedians: true))
            .Where(r => r.Entered > 0)
            .OrderByDescending(r => r.Entered)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var cohorts = scopes
            .Where(s => s.StartsWith(FunnelKeys.CohortScopePrefix, StringComparison.Ordinal))
            .Select(s => Row(s, s[FunnelKeys.CohortScopePrefix.Length..], withMedians: false))
            .Where(r => r.Entered > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new OnboardingFunnel(Row(FunnelKeys.AllScope, FunnelKeys.AllScope, withMedians: true), channels, cohorts, Window(firstTimeBuyers, now, options));
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

    private static SecondPurchaseWindow Window(Dictionary<long, double> firstTimeBuyers, DateTimeOffset now, FunnelOptions options)
    {
        var today = Math.DivRem(now.ToUnixTimeMilliseconds(), TimeUnits.MsPerDay).Quotient;
        double buyers = 0;
        double inWindow = 0;
        foreach (var (day, count) in firstTimeBuyers.Where(kv => kv.Value > 0))
        {
            buyers += count;
            if (today - day >= options.SecondPurchaseWindowStartDays && today - day <= options.SecondPurchaseWindowEndDays)
            {
                inWindow += count;
            }
        }

        return new SecondPurchaseWindow(options.SecondPurchaseWindowStartDays, options.SecondPurchaseWindowEndDays, buyers, inWindow);
    }
}
