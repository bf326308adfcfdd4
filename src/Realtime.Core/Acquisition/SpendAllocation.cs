using System.Globalization;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Acquisition;

/// <summary>
/// How one <c>marketing_spend</c> lands in the ledger: its amount split evenly over the UTC days of its period (both
/// ends included), each share under <c>&lt;channel&gt;/&lt;campaign&gt;:&lt;yyyy-MM-dd&gt;</c>. Daily buckets match the
/// registrations per day, so CAC can divide a pair's spend by the customers registered on the days it covers.
/// </summary>
public static class SpendAllocation
{
    /// <summary>The ledger field of a pair's spend on a day.</summary>
    public static string Field(string pair, DateOnly day) => pair + ":" + day.ToString(SpendPeriod.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The (field, amount) shares of a valid <c>marketing_spend</c>.</summary>
    public static IEnumerable<(string Field, double Amount)> Of(CustomerEvent spend)
    {
        if (spend.Type != EventType.MarketingSpend || spend.PeriodStart is not { } start || spend.PeriodEnd is not { } end)
        {
            throw new ArgumentException("not a validated marketing_spend", nameof(spend));
        }

        var pair = AcquisitionKeys.Pair(spend.Channel ?? string.Empty, spend.Campaign);
        var days = SpendPeriod.Days(start, end);
        var share = spend.Amount / days;
        for (var d = 0; d < days; d++)
        {
            yield return (Field(pair, start.AddDays(d)), share);
        }
    }

    /// <summary>Splits a ledger field back into its pair and day; false for a field of another shape.</summary>
    public static bool TryParse(string field, out string pair, out DateOnly day)
    {
        var colon = field.LastIndexOf(':');
        pair = colon > 0 ? field[..colon] : string.Empty;
        day = default;
        return colon > 0 && DateOnly.TryParseExact(field.AsSpan(colon + 1), SpendPeriod.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
