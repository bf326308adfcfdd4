namespace Realtime.Core.Offers;

/// <summary>Draws from Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia–Tsang), using the caller's Random.</summary>
internal static class BetaSampler
{
    public static double Sample(double a, double b, Random random)
    {
        var x = Gamma(a, random);
        var y = Gamma(b, random);
        return x + y > 0 ? x / (x + y) : a / (a + b);
    }

    private static double Gamma(double shape, Random random)
    {
        if (shape < 1)
        {
            // Boost: Gamma(k) = Gamma(k + 1) × U^(1/k), which keeps the squeeze method valid for small shapes.
            return Gamma(shape + 1, random) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random)
    {
        // Box–Muller; 1 − NextDouble() is in (0, 1], so the log is finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
