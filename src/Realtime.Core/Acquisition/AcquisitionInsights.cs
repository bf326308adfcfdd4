using System.Globalization;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Acquisition;

/// <summary>
/// Turns the acquisition counters (summary hash), the spend ledger and the CLV model into the
/// <see cref="AcquisitionReport"/>: no customer is read. Definitions in docs/lifecycle.md, "Acquisition".
/// </summary>
public static class AcquisitionInsights
{
    /// <summary>Payback beyond this many months is reported as none.</summary>
    public const int MaxPaybackMonths = 120;

    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>The report at <paramref name="now"/>, with the advice given for <paramref name="maturity"/>.</summary>
    public static AcquisitionReport Build(
        IReadOnlyDictionary<string, double> counters, IReadOnlyDictionary<string, double> spend, ClvModel model,
        MaturityAssessment maturity, DateTimeOffset now, LifecycleOptions options)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pairs = Gather(counters, spend, today, options.CounterRetentionDays);
        var channels = new Dictionary<string, AcquisitionTotals>(StringComparer.Ordinal);
        foreach (var (pair, totals) in pairs)
        {
            var channel = pair[..pair.IndexOf('/')];
            if (!channels.TryGetValue(channel, out var sum))
            {
                channels[channel] = sum = new AcquisitionTotals();
            }

            totals.AddTo(sum);
        }

        var limit = options.Acquisition.MaxPaybackMonths
            + (maturity.Stage is MaturityStage.JustStarted or MaturityStage.GainingTraction ? options.Acquisition.EarlyStagePaybackAllowanceMonths : 0);
        var predictor = RepeatRevenue.From(model);
        AcquisitionRow Row(string channel, string? campaign, AcquisitionTotals t) => ToRow(channel, campaign, t, predictor, today, limit, options);
        return new AcquisitionReport
        {
            Channels = Order(channels.Select(kv => Row(kv.Key, null, kv.Value))),
            Campaigns = Order(pairs.Select(kv => Row(kv.Key[..kv.Key.IndexOf('/')], kv.Key[(kv.Key.IndexOf('/') + 1)..], kv.Value))),
            Cohorts = Cohorts(counters, now),
            Maturity = maturity,
            PaybackLimitMonths = limit,
            Predicted = predictor is not null,
        };
    }

    /// <summary>
    /// Months until the cumulative gross margin per customer reaches <paramref name="cac"/>, reading the curve through
    /// (0, 0) and the 90-, 180- and 365-day CLV points (times the margin), linear between them and beyond 365 days at
    /// the 180→365-day slope; null when it does not within <see cref="MaxPaybackMonths"/>.
    /// </summary>
    public static double? PaybackMonths(double cac, IReadOnlyList<ClvWindow> clv, double margin)
    {
        var (prevX, prevY) = (0.0, 0.0);
        foreach (var w in clv)
        {
            var (x, y) = (w.Days / DaysPerMonth, w.Total * margin);
            if (y >= cac && y > prevY)
            {
                return prevX + ((cac - prevY) / (y - prevY) * (x - prevX));
            }

            if (y >= cac)
            {
                return x;
            }

            (prevX, prevY) = (x, y);
        }

        var (x1, y1) = (clv[^2].Days / DaysPerMonth, clv[^2].Total * margin);
        var slope = (prevY - y1) / (prevX - x1);
        if (slope <= 0)
        {
            return null;
        }

        var months = prevX + ((cac - prevY) / slope);
        return months <= MaxPaybackMonths ? months : null;
    }

    private static AcquisitionRow ToRow(string channel, string? campaign, AcquisitionTotals t, RepeatRevenue? predictor, DateOnly today, double limit, LifecycleOptions options)
    {
        var customers = Math.Max(0, t.Customers);
        var buyers = Math.Max(0, t.Buyers);
        var (spend, spendCustomers) = t.SpendAndCustomers();
        var (cac, source) = spend > 0 ? (spendCustomers > 0 ? spend / spendCustomers : (double?)null, "spend")
            : t.Cost > 0 && customers > 0 ? (t.Cost / customers, "acquisition_cost")
            : ((double?)null, "none");
        var conversion = customers > 0 ? buyers / customers : 0;
        var clv = new List<ClvWindow>(AcquisitionKeys.ClvWindows.Length);
        for (var i = 0; i < AcquisitionKeys.ClvWindows.Length; i++)
        {
            var days = AcquisitionKeys.ClvWindows[i];
            var predicted = predictor?.ForYoungCustomers(t.RegistrationsByDay, today, days) * conversion ?? 0;
            clv.Add(customers > 0 ? new ClvWindow(days, t.WindowRevenue[i] / customers, predicted / customers) : new ClvWindow(days, 0, 0));
        }

        var margin = options.GrossMargin;
        double? ratio = cac > 0 ? clv[^1].Total * margin / cac : null;
        var payback = cac > 0 ? PaybackMonths(cac.Value, clv, margin) : null;
        var advice = BudgetAdvisor.Advise(customers, spend, cac, ratio, payback, limit, options.Acquisition);
        return new AcquisitionRow(channel, campaign, customers, buyers, spend, spendCustomers, cac, source, clv, ratio, payback, advice);
    }

    private static List<AcquisitionRow> Order(IEnumerable<AcquisitionRow> rows) =>
        [.. rows.OrderByDescending(r => r.NewCustomers).ThenByDescending(r => r.Spend).ThenBy(r => r.Key, StringComparer.Ordinal)];

    private static Dictionary<string, AcquisitionTotals> Gather(
        IReadOnlyDictionary<string, double> counters, IReadOnlyDictionary<string, double> spend, DateOnly today, int retentionDays)
    {
        var pairs = new Dictionary<string, AcquisitionTotals>(StringComparer.Ordinal);
        AcquisitionTotals Of(string pair) => pairs.TryGetValue(pair, out var t) ? t : pairs[pair] = new AcquisitionTotals();
        foreach (var (key, value) in counters)
        {
            if (!key.StartsWith(AcquisitionKeys.Prefix, StringComparison.Ordinal) || key.StartsWith(AcquisitionKeys.CohortPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[AcquisitionKeys.Prefix.Length..];
            var colon = rest.IndexOf(':');
            if (colon <= 0 || !rest.AsSpan(0, colon).Contains('/'))
            {
                continue;
            }

            var (pair, measure) = (rest[..colon], rest[(colon + 1)..]);
            switch (measure)
            {
                case "customers": Of(pair).Customers = value; break;
                case "cost": Of(pair).Cost = value; break;
                case "buyers": Of(pair).Buyers = value; break;
                case "rev90": Of(pair).WindowRevenue[0] = value; break;
                case "rev180": Of(pair).WindowRevenue[1] = value; break;
                case "rev365": Of(pair).WindowRevenue[2] = value; break;
                default:
                    if (measure.StartsWith("reg:", StringComparison.Ordinal)
                        && DateOnly.TryParseExact(measure.AsSpan(4), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && value > 0)
                    {
                        Of(pair).RegistrationsByDay[day] = value;
                    }

                    break;
            }
        }

        var oldest = today.AddDays(-retentionDays);
        foreach (var (field, amount) in spend)
        {
            // Spend on days still to come is left out until they come: their customers have not registered yet.
            if (SpendAllocation.TryParse(field, out var pair, out var day) && day <= today && day >= oldest && pair.Contains('/'))
            {
                var t = Of(pair);
                t.SpendByDay[day] = t.SpendByDay.GetValueOrDefault(day) + amount;
            }
        }

        return pairs;
    }

    private static List<CohortRow> Cohorts(IReadOnlyDictionary<string, double> counters, DateTimeOffset now)
    {
        var rows = new List<CohortRow>();
        foreach (var (key, customers) in counters)
        {
            if (!key.StartsWith(AcquisitionKeys.CohortPrefix, StringComparison.Ordinal) || !key.EndsWith(":customers", StringComparison.Ordinal) || customers <= 0)
            {
                continue;
            }

            var month = key[AcquisitionKeys.CohortPrefix.Length..^":customers".Length];
            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
            {
                continue;
            }

            var last = Math.Min(AcquisitionKeys.CohortMonths - 1, AcquisitionKeys.MonthsBetween(new DateTimeOffset(start, TimeSpan.Zero), now));
            var cumulative = new List<double>(Math.Max(0, last + 1));
            double sum = 0;
            for (var k = 0; k <= last; k++)
            {
                sum += counters.GetValueOrDefault(AcquisitionKeys.CohortRevenue(month, k));
                cumulative.Add(sum / customers);
            }

            rows.Add(new CohortRow(month, customers, cumulative));
        }

        return [.. rows.OrderBy(r => r.Month, StringComparer.Ordinal)];
    }
}
