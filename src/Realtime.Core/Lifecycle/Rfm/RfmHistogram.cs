namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>
/// Counts per bucket of one RFM dimension, as read back from the store (e.g. HGETALL). Quantiles and ranks are
/// derived at read time, so they always reflect the current population. Negative counts (a decrement that raced
/// ahead of its increment) are read as zero.
/// </summary>
public sealed class RfmHistogram
{
    private readonly int[] _buckets;
    private readonly double[] _cumulativeBelow;

    public RfmHistogram(IEnumerable<KeyValuePair<int, double>> counts)
    {
        var sorted = counts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        _buckets = new int[sorted.Length];
        _cumulativeBelow = new double[sorted.Length];
        double running = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            _buckets[i] = sorted[i].Key;
            _cumulativeBelow[i] = running;
            running += sorted[i].Value;
        }

        Total = running;
    }

    /// <summary>An empty histogram (no buyers yet).</summary>
    public static RfmHistogram Empty { get; } = new([]);

    /// <summary>Customers counted.</summary>
    public double Total { get; }

    /// <summary>Share of the population in buckets strictly below <paramref name="bucket"/> (0 when empty).</summary>
    public double ShareBelow(int bucket)
    {
        if (Total <= 0)
        {
            return 0;
        }

        var i = Array.BinarySearch(_buckets, bucket);
        var below = i >= 0 ? _cumulativeBelow[i] : (~i < _buckets.Length ? _cumulativeBelow[~i] : Total);
        return below / Total;
    }

    /// <summary>
    /// The lowest bucket whose cumulative share reaches <paramref name="p"/> (0 &lt; p ≤ 1), e.g. the quintile
    /// boundaries for display; null when empty.
    /// </summary>
    public int? Quantile(double p)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            var upTo = i + 1 < _buckets.Length ? _cumulativeBelow[i + 1] : Total;
            if (upTo / Total >= p)
            {
                return _buckets[i];
            }
        }

        return null;
    }
}
