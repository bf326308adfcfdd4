using System.Globalization;

namespace Realtime.LoadTests;

/// <summary>Prints the contract lines <c>result &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c> and keeps them for ratios.</summary>
internal sealed class Results
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public void Report(string name, double value, string unit)
    {
        _values[name] = value;
        var text = Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
            : Math.Abs(value) >= 10 ? value.ToString("F1", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
        Console.WriteLine($"result {name} {text} {unit}");
    }

    public double? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>Reports <paramref name="name"/> = a / b when both were measured in this run.</summary>
    public void Ratio(string name, string numerator, string denominator)
    {
        if (Get(numerator) is { } a && Get(denominator) is { } b && b != 0)
        {
            Report(name, a / b, "ratio");
        }
    }

    public static void Note(string text) => Console.WriteLine($"# {text}");
}
