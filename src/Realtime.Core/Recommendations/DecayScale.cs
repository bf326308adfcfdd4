namespace Realtime.Core.Recommendations;

/// <summary>
/// Exponential decay with a fixed epoch: a weight w added at time t is stored as w·2^((t−t0)/h). A stored sum
/// then decays by itself — its value at time now is stored·2^(−(now−t0)/h) — so increments never rewrite old
/// scores, and sorted sets of stored scores are already in decayed order (top-N needs no rescoring).
/// <para>
/// Bound: doubles hold up to 2^1023, so the exponent (t−t0)/h must stay below <see cref="MaxExponent"/>; with a
/// 7-day half-life that is ~18 years after the epoch (60 days: ~150 years). Past that, or for history far before
/// the epoch, scaling throws rather than silently saturating to infinity or zero: move the epoch (rescale every
/// stored score by 2^(−Δ/h), or write into new keys) well before, e.g. once a year.
/// </para>
/// </summary>
public static class DecayScale
{
    /// <summary>Largest |exponent| accepted: leaves 2^63 of headroom for sums of many increments.</summary>
    public const double MaxExponent = 960;

    /// <summary>The exponent (t−t0)/h, in half-lives.</summary>
    public static double Exponent(long atMs, long epochMs, double halfLifeDays)
    {
        var exponent = (atMs - epochMs) / (halfLifeDays * 86_400_000d);
        if (!(Math.Abs(exponent) <= MaxExponent))
        {
            throw new InvalidOperationException(
                $"time {atMs} is {exponent:F0} half-lives from the decay epoch (limit {MaxExponent}): move the epoch");
        }

        return exponent;
    }

    /// <summary>The stored value of weight <paramref name="weight"/> added at <paramref name="atMs"/>.</summary>
    public static double ToStored(double weight, long atMs, long epochMs, double halfLifeDays) =>
        weight * Math.Pow(2, Exponent(atMs, epochMs, halfLifeDays));

    /// <summary>The decayed value at <paramref name="nowMs"/> of a stored score.</summary>
    public static double FromStored(double stored, long nowMs, long epochMs, double halfLifeDays) =>
        stored * Math.Pow(2, -Exponent(nowMs, epochMs, halfLifeDays));

    /// <summary>Half-life of a kind under <paramref name="options"/>.</summary>
    public static double HalfLifeDays(SignalKind kind, ItemSignalOptions options) => kind switch
    {
        SignalKind.Popularity or SignalKind.CategoryPopularity => options.TrendingHalfLifeDays,
        _ => options.AssociationHalfLifeDays,
    };

    /// <summary>The value to add to the stored score for <paramref name="increment"/> (what <c>ZINCRBY</c> receives).</summary>
    public static double ToStored(SignalIncrement increment, ItemSignalOptions options) =>
        ToStored(increment.Weight, increment.AtMs, options.Epoch.ToUnixTimeMilliseconds(), HalfLifeDays(increment.Kind, options));
}
