using System.CommandLine;
using Realtime.Core;

namespace Realtime.Host.Cli;

/// <summary>Options whose value is a duration in <see cref="DurationText"/>'s grammar (90s, 5m, 2h, 1d, 500ms, hh:mm:ss).</summary>
public static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue)
    {
        var option = Create<TimeSpan>(name, description);
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>An optional duration: null when not given.</summary>
    public static Option<TimeSpan?> CreateOptional(string name, string description) => Create<TimeSpan?>(name, description);

    private static Option<T> Create<T>(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
            if (DurationText.TryParse(text, out var value, out var error))
            {
                return (T)(object)value;
            }

            result.AddError($"{name}: {error}");
            return default!;
        },
    };
}
