namespace Realtime.Core.Lifecycle.Clv;

/// <summary>The special functions the CLV models need, written out because Core takes no packages.</summary>
internal static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9: about 15 significant digits for positive arguments.
    private static readonly double[] s_lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static readonly double s_halfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs a positive argument");
        }

        if (x < 0.5)
        {
            // Reflection keeps the series in its accurate range: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = s_lanczos[0];
        for (var i = 1; i < s_lanczos.Length; i++)
        {
            sum += s_lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return s_halfLogTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>
    /// Gauss hypergeometric ₂F₁(a, b; c; z) by its power series, for 0 ≤ z &lt; 1, positive a and b, and any c but
    /// 0, −1, −2, … (where it is undefined). BG/NBD's conditional expectation needs it with c = a + b + x − 1, which is
    /// negative for a customer without repeat purchases when the fitted a + b &lt; 1 — legal parameters a store's own
    /// fit produced, which the first version (c &gt; 0 only) turned into an exception that stalled ingest.
    /// </summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "Hyp2F1 series needs 0 <= z < 1");
        }

        if (IsHyp2F1Pole(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "Hyp2F1 is undefined for c = 0, -1, -2, ...");
        }

        double sum = 1;
        double term = 1;
        for (var n = 0; n < 1_000_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum) && n > 2)
            {
                return sum;
            }
        }

        return sum;
    }

    /// <summary>Whether ₂F₁ is undefined at this c (0, −1, −2, …).</summary>
    public static bool IsHyp2F1Pole(double c) => c <= 0 && c == Math.Floor(c);

    /// <summary>ln(eᵃ + eᵇ) without overflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
