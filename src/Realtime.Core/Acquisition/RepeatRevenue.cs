using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Acquisition;

/// <summary>
/// The predicted part of the CLV windows: a new buyer's expected repeat purchases (BG/NBD's E[X(t)] for a randomly
/// chosen new customer) times Gamma-Gamma's population mean spend. For customers registered <c>a</c> days ago, the
/// rest of an N-day window is expected to bring E[X(N)] − E[X(a)] purchases; the report multiplies by the pair's
/// first-order conversion (only buyers repeat). Undiscounted, like the historical part.
/// </summary>
internal sealed class RepeatRevenue(BgNbdParameters bgNbd, double meanSpend)
{
    /// <summary>The predictor of a fitted model, or null when either part is missing (the windows are then historical only).</summary>
    public static RepeatRevenue? From(ClvModel model) =>
        model is { BgNbd: { } p, GammaGamma: { } gg } && double.IsFinite(gg.PopulationMeanSpend) && gg.PopulationMeanSpend > 0
            ? new RepeatRevenue(p, gg.PopulationMeanSpend)
            : null;

    /// <summary>Expected repeat revenue, within <paramref name="windowDays"/> of registration, still to come for the customers registered in the last <paramref name="windowDays"/> days.</summary>
    public double ForYoungCustomers(IReadOnlyDictionary<DateOnly, double> registrationsByDay, DateOnly today, int windowDays)
    {
        var full = Expected(windowDays);
        double sum = 0;
        foreach (var (day, customers) in registrationsByDay)
        {
            var age = today.DayNumber - day.DayNumber;
            if (age >= 0 && age < windowDays && customers > 0)
            {
                sum += customers * Math.Max(0, full - Expected(age));
            }
        }

        return double.IsFinite(sum) ? sum : 0;
    }

    private double Expected(double days)
    {
        var x = days <= 0 ? 0 : bgNbd.ExpectedPurchases(days);
        return double.IsFinite(x) ? x * meanSpend : 0;
    }
}
