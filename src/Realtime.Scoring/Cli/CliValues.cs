using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Realtime.Scoring.Cli;

/// <summary>Option builders shared by the churn commands: dates, date lists and positive day counts, with one-line errors.</summary>
internal static class CliValues
{
    public const string DateExample = "2011-12-09 or 2011-12-09T18:00:00Z";

    public static Option<DateTimeOffset?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "date",
        CustomParser = r => TryDate(r.Tokens[0].Value, out var at) ? at : Fail<DateTimeOffset?>(r, $"{name} '{r.Tokens[0].Value}' is not a date ({DateExample})"),
    };

    public static Option<IReadOnlyList<DateTimeOffset>?> Dates(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "date,date,..",
        CustomParser = r =>
        {
            var dates = new List<DateTimeOffset>();
            foreach (var text in r.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryDate(text, out var at))
                {
                    return Fail<IReadOnlyList<DateTimeOffset>?>(r, $"{name}: '{text}' is not a date ({DateExample})");
                }

                dates.Add(at);
            }

            return dates.Count > 0 ? dates : Fail<IReadOnlyList<DateTimeOffset>?>(r, $"{name} needs at least one date");
        },
    };

    public static Option<int> Positive(string name, int fallback, string description, string helpName = "n") => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
        CustomParser = r => int.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Fail<int>(r, $"{name} '{r.Tokens[0].Value}' is not a positive whole number"),
    };

    /// <summary>A value from a fixed list (case-insensitive, returned in lower case); the error names the choices on one line.</summary>
    public static Option<string> OneOf(string name, string? fallback, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            CustomParser = r => choices.FirstOrDefault(c => c.Equals(r.Tokens[0].Value, StringComparison.OrdinalIgnoreCase))
                ?? Fail<string>(r, $"{name} '{r.Tokens[0].Value}': expected {string.Join(", ", choices)}"),
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        option.CompletionSources.Add(choices);
        return option;
    }

    private static bool TryDate(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static T? Fail<T>(ArgumentResult result, string error)
    {
        result.AddError(error);
        return default;
    }
}
