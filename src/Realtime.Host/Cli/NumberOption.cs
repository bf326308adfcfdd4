using System.CommandLine;
using System.Globalization;

namespace Realtime.Host.Cli;

/// <summary>Whole-number options within bounds, with one error line naming the option when a value is not.</summary>
public static class NumberOption
{
    public static Option<int> AtLeast(string name, string description, int defaultValue, int minimum = 1, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "n",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            {
                return value;
            }

            r.AddError(maximum == int.MaxValue
                ? $"{name}: '{text}' is not a whole number of at least {minimum}"
                : $"{name}: '{text}' is not a whole number from {minimum} to {maximum}");
            return defaultValue;
        },
    };
}
