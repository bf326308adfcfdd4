using System.Globalization;

namespace Realtime.Host.Cli;

/// <summary>Options of <c>realtime demo</c>.</summary>
internal sealed record DemoOptions(TimeSpan? Duration, int Customers, int Rate, string[] ConfigArgs)
{
    public static DemoOptions Parse(string[] args)
    {
        TimeSpan? duration = null;
        int customers = 300, rate = 2000;
        var config = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--duration" when i + 1 < args.Length:
                    duration = ParseDuration(args[++i]);
                    break;
                case "--customers" when i + 1 < args.Length:
                    customers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rate" when i + 1 < args.Length:
                    rate = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    config.Add(args[i]);
                    break;
            }
        }

        return new DemoOptions(duration, customers, rate, config.ToArray());
    }

    /// <summary>"90", "90s", "5m" or "1h".</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var unit = text[^1];
        var number = char.IsDigit(unit) ? text : text[..^1];
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }
}
