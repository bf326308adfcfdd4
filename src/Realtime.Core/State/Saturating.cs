namespace Realtime.Core.State;

/// <summary>
/// Arithmetic on the sums the engine keeps (revenue, refunds, cart value, CLV, counter increments) that can never
/// produce infinity or NaN (DESIGN §2.8): results are clamped to ±<see cref="StateLimits.MaxTotal"/> and NaN becomes 0;
/// and on counts, which stop at <see cref="int.MaxValue"/> instead of wrapping to negative.
/// Event bounds already keep real sums far below the clamp; it catches states written before the bounds existed and
/// any model arithmetic that misbehaves.
/// </summary>
public static class Saturating
{
    /// <summary><paramref name="value"/> clamped into ±<see cref="StateLimits.MaxTotal"/>; NaN becomes 0.</summary>
    public static double Money(double value) =>
        double.IsNaN(value) ? 0 : Math.Clamp(value, -StateLimits.MaxTotal, StateLimits.MaxTotal);

    /// <summary>The clamped sum of two amounts.</summary>
    public static double Add(double a, double b) => Money(a + b);

    /// <summary>A count plus one, staying at <see cref="int.MaxValue"/> instead of wrapping to negative.</summary>
    public static int Increment(int count) => count == int.MaxValue ? count : count + 1;

    /// <summary>The sum of two non-negative counts, capped at <paramref name="max"/> (no wrap-around).</summary>
    public static int Add(int a, int b, int max) => (int)Math.Clamp((long)a + b, int.MinValue, max);
}
