using System.Globalization;

namespace Realtime.Core.Events;

/// <summary>The rules of a <c>marketing_spend</c>'s period and labels: whole UTC days, both ends included.</summary>
public static class SpendPeriod
{
    /// <summary>The wire format of <c>period_start</c> and <c>period_end</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A spend covers at most this many days (a year, leap day included): longer periods are split by the producer.</summary>
    public const int MaxDays = 366;

    private static readonly DateOnly s_earliest = new(2000, 1, 1);

    /// <summary>Parses an optional <c>yyyy-MM-dd</c> field; false with a reason naming the field when it is not a date.</summary>
    public static bool TryParse(string? text, string field, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        error = $"{field} must be a date (YYYY-MM-DD)";
        return false;
    }

    /// <summary>The first rule a <c>marketing_spend</c> breaks (channel, period), or null.</summary>
    public static string? Problem(CustomerEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.Channel))
        {
            return "channel is required for marketing_spend";
        }

        if (e.PeriodStart is not { } start || e.PeriodEnd is not { } end)
        {
            return "period_start and period_end are required for marketing_spend";
        }

        if (start < s_earliest)
        {
            return "period_start is before 2000-01-01";
        }

        if (end < start)
        {
            return "period_end must not be before period_start";
        }

        return end.DayNumber - start.DayNumber + 1 > MaxDays ? $"a marketing_spend period may cover at most {MaxDays} days" : null;
    }

    /// <summary>Days covered, both ends included (≥ 1 for a valid event).</summary>
    public static int Days(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;
}
