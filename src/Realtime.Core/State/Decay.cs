namespace Realtime.Core.State;

/// <summary>Exponential time decay by half-life, used for affinities and item popularity.</summary>
public static class Decay
{
    /// <summary>The factor a value recorded at <paramref name="fromMs"/> keeps at <paramref name="toMs"/> (1 when toMs ≤ fromMs).</summary>
    public static double Factor(long fromMs, long toMs, double halfLifeDays)
    {
        var days = TimeUnits.DaysBetween(fromMs, toMs);
        return days <= 0 ? 1 : Math.Pow(0.5, days / halfLifeDays);
    }

    /// <summary>A category affinity decayed to <paramref name="nowMs"/>.</summary>
    public static double ScoreAt(CategoryAffinity affinity, long nowMs) =>
        affinity.Score * Factor(affinity.UpdatedMs, nowMs, StateLimits.AffinityHalfLifeDays);
}
