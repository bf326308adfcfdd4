using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>Draws customer histories from the BG/NBD and Gamma-Gamma generative stories, to test fits against known truth.</summary>
internal static class Simulation
{
    public static List<ClvObservation> BgNbd(BgNbdParameters truth, int customers, double minAge, double maxAge, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<ClvObservation>(customers);
        for (var i = 0; i < customers; i++)
        {
            var age = minAge + (rng.NextDouble() * (maxAge - minAge));
            var lambda = Gamma(rng, truth.R) / truth.Alpha;
            var p = Beta(rng, truth.A, truth.B);
            double t = 0;
            var x = 0;
            while (true)
            {
                // Poisson purchases while alive; the chance to drop out comes right after each repeat purchase.
                var next = t - (Math.Log(1 - rng.NextDouble()) / lambda);
                if (next > age)
                {
                    break;
                }

                t = next;
                x++;
                if (rng.NextDouble() < p)
                {
                    break;
                }
            }

            rows.Add(new ClvObservation(x, x > 0 ? t : 0, age));
        }

        return rows;
    }

    public static List<ClvObservation> GammaGamma(GammaGammaParameters truth, int customers, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<ClvObservation>(customers);
        for (var i = 0; i < customers; i++)
        {
            var nu = Gamma(rng, truth.Q) / truth.Gamma;
            var x = 1 + rng.Next(8);
            double sum = 0;
            for (var k = 0; k < x; k++)
            {
                sum += Gamma(rng, truth.P) / nu;
            }

            rows.Add(new ClvObservation(x, 0, 0, sum / x));
        }

        return rows;
    }

    // Marsaglia–Tsang, with the shape < 1 boost Γ(k) = Γ(k + 1) · U^(1/k).
    /// <summary>A Gamma(shape, 1) draw (also the Monte-Carlo checks of BG/NBD quantities use it).</summary>
    internal static double Gamma(Random rng, double shape)
    {
        if (shape < 1)
        {
            return Gamma(rng, shape + 1) * Math.Pow(rng.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(rng);
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            var u = rng.NextDouble();
            if (Math.Log(u) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    internal static double Beta(Random rng, double a, double b)
    {
        var x = Gamma(rng, a);
        return x / (x + Gamma(rng, b));
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
