using System.Globalization;

namespace Realtime.Evaluation.Recs;

/// <summary>Applies <c>--set Name=value,Name=value</c> to option objects by property name (tuning runs only).</summary>
internal static class OptionOverrides
{
    public static void Apply(string? assignments, params object[] targets)
    {
        if (string.IsNullOrWhiteSpace(assignments))
        {
            return;
        }

        foreach (var pair in assignments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            var property = parts.Length == 2
                ? targets.Select(t => (Target: t, Property: t.GetType().GetProperty(parts[0]))).FirstOrDefault(p => p.Property?.CanWrite == true)
                : default;
            if (property.Property is null)
            {
                throw new ArgumentException($"--set: unknown option '{pair}'");
            }

            // DateTimeOffset (the decay Epoch) is not IConvertible: parsed as a date, UTC unless it names an offset.
            var value = property.Property.PropertyType == typeof(DateTimeOffset)
                ? DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : Convert.ChangeType(parts[1], property.Property.PropertyType, CultureInfo.InvariantCulture);
            property.Property.SetValue(property.Target, value);
        }
    }
}
