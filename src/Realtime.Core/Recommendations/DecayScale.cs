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

    /// <summary>
    /// The value to add to the stored score for <paramref name="increment"/> (what <c>ZINCRBY</c> receives), made
    /// <see cref="Whole"/> — the one function every store (Redis and in memory) takes its increments from.
    /// </summary>
    public static double ToStored(SignalIncrement increment, ItemSignalOptions options) =>
        Whole(ToStored(increment.Weight, increment.AtMs, options.Epoch.ToUnixTimeMilliseconds(), HalfLifeDays(increment.Kind, options)));

    /// <summary>Stored increments from this magnitude up are rounded to whole numbers (<see cref="Whole"/>).</summary>
    public const double WholeFrom = 512;

    /// <summary>2^52: Redis keeps a sorted-set score below it that is a whole number as an integer.</summary>
    public const double WholeUntil = 4_503_599_627_370_496;

    /// <summary>
    /// <paramref name="stored"/> rounded to the nearest whole number when its magnitude is in
    /// [<see cref="WholeFrom"/>, <see cref="WholeUntil"/>), else unchanged. Why: a small sorted set (a product's
    /// neighbour list) is a Redis listpack, which holds a whole-number score below 2^52 as an integer and any other as
    /// a 17-digit decimal string that every <c>ZINCRBY</c> parses again for each member it passes while re-sorting
    /// (measured on a 120-member list: 8.35 µs per <c>ZINCRBY</c> with fractional scores, 2.70 µs with whole ones;
    /// 4,144 against 2,608 bytes). Sums of whole increments stay whole (exact in a double below 2^53), so lists
    /// written only with them stay integer-encoded. The cost is at most half a unit per increment, ≤ 0.1 % of it from
    /// <see cref="WholeFrom"/> up, and less as the exponent grows; smaller increments (a store within ~9 association
    /// half-lives of its epoch, or a tiny weight) stay exact, so replays from an epoch at their start are unchanged.
    /// </summary>
    public static double Whole(double stored) =>
        Math.Abs(stored) is >= WholeFrom and < WholeUntil ? Math.Round(stored, MidpointRounding.ToEven) : stored;
}
