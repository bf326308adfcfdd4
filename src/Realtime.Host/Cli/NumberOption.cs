using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>Whole-number options with a lower bound (System.CommandLine reports a value that is not a number).</summary>
public static class NumberOption
{
    public static Option<int> AtLeast(string name, string description, int defaultValue, int minimum = 1, int maximum = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "n" };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                r.AddError(maximum == int.MaxValue ? $"{name} must be at least {minimum}" : $"{name} must be between {minimum} and {maximum}");
            }
        });
        return option;
    }
}
