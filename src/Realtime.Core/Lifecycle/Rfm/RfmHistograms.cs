using System.Globalization;

namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>The three population histograms, read together (they live in the lifecycle counters under <c>rfm:r|f|m:</c>).</summary>
public sealed record RfmHistograms(RfmHistogram Recency, RfmHistogram Frequency, RfmHistogram Monetary)
{
    public const string RecencyPrefix = "rfm:r:";
    public const string FrequencyPrefix = "rfm:f:";
    public const string MonetaryPrefix = "rfm:m:";

    /// <summary>Picks the histograms out of the lifecycle counters (keys such as <c>rfm:f:8</c>); other keys are ignored.</summary>
    public static RfmHistograms FromCounters(IReadOnlyDictionary<string, double> counters) =>
        new(Pick(counters, RecencyPrefix), Pick(counters, FrequencyPrefix), Pick(counters, MonetaryPrefix));

    private static RfmHistogram Pick(IReadOnlyDictionary<string, double> counters, string prefix)
    {
        var counts = new List<KeyValuePair<int, double>>();
        foreach (var (key, value) in counters)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bucket))
            {
                counts.Add(new(bucket, value));
            }
        }

        return new RfmHistogram(counts);
    }
}
