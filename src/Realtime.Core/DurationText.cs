using System.Globalization;
using System.Text.RegularExpressions;

namespace Realtime.Core;

/// <summary>
/// The one duration grammar of every command line: a number with a unit (<c>500ms</c>, <c>90s</c>, <c>5m</c>,
/// <c>2h</c>, <c>1d</c>, <c>1.5h</c>), several of them run together (<c>1h30m</c>), or a clock <c>hh:mm:ss</c>
/// (<c>01:30:00</c>; hours may exceed 23). A bare number is refused: "90" could be seconds or minutes.
/// </summary>
public static partial class DurationText
{
    /// <summary>The grammar in one line, for help texts and error messages.</summary>
    public const string Grammar = "a number with a unit (500ms, 90s, 5m, 2h, 1d, or combined as 1h30m) or hh:mm:ss";

    /// <summary>Parses <paramref name="text"/>, or says why it is not a duration.</summary>
    /// <returns>False with <paramref name="error"/> set when the text does not follow the grammar.</returns>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        var t = text?.Trim() ?? "";
        if (Clock().Match(t) is { Success: true } clock)
        {
            value = TimeSpan.FromHours(Whole(clock.Groups["h"].Value)) + TimeSpan.FromMinutes(Whole(clock.Groups["m"].Value))
                + TimeSpan.FromSeconds(Whole(clock.Groups["s"].Value));
            error = null;
            return true;
        }

        if (!Terms().IsMatch(t))
        {
            error = $"'{text}' is not a duration: use {Grammar}";
            return false;
        }

        foreach (Match term in Term().Matches(t))
        {
            var number = double.Parse(term.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            value += term.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
        }

        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text does not follow the grammar; the message says what would.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest text of the grammar that parses back to <paramref name="value"/> (whole milliseconds).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        void Add(long amount, string unit)
        {
            if (amount > 0)
            {
                parts.Add(amount.ToString(CultureInfo.InvariantCulture) + unit);
            }
        }

        Add(value.Days, "d");
        Add(value.Hours, "h");
        Add(value.Minutes, "m");
        Add(value.Seconds, "s");
        Add(value.Milliseconds, "ms");
        return string.Concat(parts);
    }

    private static int Whole(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<h>\d{1,5}):(?<m>[0-5]\d):(?<s>[0-5]\d)$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(\d+(\.\d+)?(ms|s|m|h|d))+$")]
    private static partial Regex Terms();

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d)")]
    private static partial Regex Term();
}
