using System.Globalization;

namespace Realtime.Core.Events;

/// <summary>
/// A calendar day without a year (a birthday). Only the month and day are kept: the engine needs the date to time a
/// greeting, not the customer's age. 29 February is valid; in a non-leap year it falls on 28 February (<see cref="In"/>).
/// </summary>
public readonly record struct MonthDay(int Month, int Day)
{
    /// <summary>Compact form for state: month × 100 + day (0 = unknown).</summary>
    public int Packed => (Month * 100) + Day;

    public static MonthDay? FromPacked(int packed) => packed == 0 ? null : new MonthDay(packed / 100, packed % 100);

    /// <summary>This day in <paramref name="year"/>; 29 February becomes 28 February outside leap years.</summary>
    public DateOnly In(int year) =>
        new(year, Month, Month == 2 && Day == 29 && !DateTime.IsLeapYear(year) ? 28 : Day);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month:00}-{Day:00}");

    /// <summary>Parses <c>YYYY-MM-DD</c> or <c>MM-DD</c> (also <c>--MM-DD</c>, ISO 8601's yearless form); the year is dropped.</summary>
    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.StartsWith("--"))
        {
            span = span[2..];
        }

        if (span.Length == 10 && span[4] == '-')
        {
            span = span[5..];
        }

        if (span.Length != 5 || span[2] != '-'
            || !int.TryParse(span[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(span[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            return false;
        }

        value = new MonthDay(month, day);
        return true;
    }
}
