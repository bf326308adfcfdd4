using System.Globalization;
using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Evaluation.Clv;

/// <summary>Readers for the CDNOW files (datasets/README.md): the calibration summary and the transaction sample.</summary>
public static class CdnowData
{
    /// <summary>End of the standard 39-week calibration period (inclusive), 1997-09-30.</summary>
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    /// <summary>End of the 39-week holdout period (inclusive), 1998-06-30.</summary>
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    /// <summary>Rows of <c>cdnow_customers_summary.csv</c>: (x, tₓ, T) in weeks, no monetary value.</summary>
    public static List<ClvObservation> ReadSummary(string path)
    {
        var rows = new List<ClvObservation>();
        using var csv = DelimitedFile.Open(path, ',', hasHeaders: true);
        while (csv.Read())
        {
            if (csv.RowFieldCount >= 4)
            {
                rows.Add(new ClvObservation(Parse(csv.GetString(1)), Parse(csv.GetString(2)), Parse(csv.GetString(3))));
            }
        }

        return rows;
    }

    /// <summary>
    /// Per customer of <c>CDNOW_sample.txt</c>: the days with purchases and the dollars spent each day (same-day
    /// purchases are one transaction, per the standard protocol), in date order. The file is not CSV but columns
    /// padded with runs of spaces (and a leading one), which a one-character delimiter cannot express, so a
    /// whitespace split reads it.
    /// </summary>
    public static Dictionary<string, SortedDictionary<DateOnly, double>> ReadSampleDays(string path)
    {
        var customers = new Dictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var day = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (!customers.TryGetValue(f[0], out var days))
            {
                customers[f[0]] = days = [];
            }

            days[day] = days.GetValueOrDefault(day) + Parse(f[4]);
        }

        return customers;
    }

    /// <summary>
    /// The calibration observation (weeks, T up to the end day, as the published summary) of one customer, with the mean value of the repeat transactions
    /// (first purchase excluded, as in Fader &amp; Hardie's Gamma-Gamma note and the lifetimes library).
    /// </summary>
    public static ClvObservation Calibration(SortedDictionary<DateOnly, double> days)
    {
        var inPeriod = days.Where(d => d.Key <= CalibrationEnd).ToList();
        var first = inPeriod[0].Key;
        var last = inPeriod[^1].Key;
        var repeats = inPeriod.Skip(1).Select(d => d.Value).ToList();
        return new ClvObservation(
            repeats.Count,
            Weeks(first, last),
            Weeks(first, CalibrationEnd),
            repeats.Count > 0 ? repeats.Average() : 0);
    }

    /// <summary>Repeat transactions (purchase days) in the holdout period.</summary>
    public static int HoldoutTransactions(SortedDictionary<DateOnly, double> days) =>
        days.Keys.Count(d => d > CalibrationEnd && d <= HoldoutEnd);

    private static double Weeks(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / 7.0;

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
