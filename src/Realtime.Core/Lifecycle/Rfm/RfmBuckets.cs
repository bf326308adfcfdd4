using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>
/// Pure value → bucket functions for the population histograms behind RFM scores. Buckets are fixed (no data-dependent
/// edges), so histograms kept by different workers, or updated with HINCRBY as customers move, always add up.
/// </summary>
public static class RfmBuckets
{
    /// <summary>Ratio between consecutive bucket edges: 10% resolution, and every integer up to 10 gets its own bucket.</summary>
    public const double Growth = 1.1;

    /// <summary>Highest bucket index: values beyond 1.1^399 (≈ 3.5e16) share it, which bounds the hash size.</summary>
    public const int MaxBucket = 400;

    private static readonly double s_logGrowth = Math.Log(Growth);

    /// <summary>
    /// Log-spaced bucket of a non-negative amount (order count, net revenue): 0 for values below 1 (including refunds
    /// that leave net revenue negative), then bucket k ≥ 1 holds [1.1^(k-1), 1.1^k).
    /// </summary>
    public static int ValueBucket(double value)
    {
        if (!(value >= 1))
        {
            return 0;
        }

        var k = 1 + (int)Math.Floor(Math.Log(value) / s_logGrowth);
        return Math.Min(k, MaxBucket);
    }

    /// <summary>The smallest value in bucket <paramref name="bucket"/> (0 for bucket 0).</summary>
    public static double BucketLowerBound(int bucket) => bucket <= 0 ? 0 : Math.Pow(Growth, bucket - 1);

    /// <summary>
    /// The recency "bucket": the Unix day of the last order. It is an absolute day, not "days ago", so the histogram
    /// never needs rewriting as time passes; recency is derived against <c>now</c> when scores are read.
    /// </summary>
    public static int DayBucket(long unixMs) => (int)Math.Floor(unixMs / (double)TimeUnits.MsPerDay);

    /// <summary>The start of Unix day <paramref name="day"/>.</summary>
    public static DateTimeOffset DayStart(int day) => DateTimeOffset.FromUnixTimeMilliseconds(day * TimeUnits.MsPerDay);
}
