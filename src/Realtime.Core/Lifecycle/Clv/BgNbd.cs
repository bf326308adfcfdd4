namespace Realtime.Core.Lifecycle.Clv;

/// <summary>Maximum-likelihood fitting of the BG/NBD model.</summary>
public static class BgNbd
{
    /// <summary>
    /// Bound on the optimiser's coordinates: log r, log α, logit(a / (a + b)) and log(a + b) stay within ±12. When
    /// every customer has nearly the same drop-out chance, the likelihood rises along a ridge with a + b growing
    /// towards infinity at a fixed a / (a + b) (the Beta becomes a point mass): optimising the mean and the
    /// concentration separately makes that ridge one coordinate, and the bound ends the walk at a model that predicts
    /// the same, instead of crawling along it until the evaluation budget is spent.
    /// </summary>
    public const double MaxLogParameter = 12;

    /// <summary>
    /// Fits r, α, a, b by maximising the total log-likelihood with Nelder–Mead on log r, log α, logit(a / (a + b)) and
    /// log(a + b) (positivity for free, steps scale with the parameter). Identical (x, tₓ, T) rows are grouped first: real data repeats them a lot
    /// (every one-time buyer of a cohort shares one), which makes each likelihood evaluation much cheaper. The
    /// coordinates stay within ±<see cref="MaxLogParameter"/>.
    /// </summary>
    /// <param name="customers">The observations.</param>
    /// <param name="restartTolerance">
    /// Nelder–Mead restarts stop once one improves the log-likelihood by at most this (relative). Default 1e-12, for
    /// reference-grade parameters; the engine's periodic refit uses <see cref="ClvModelFit.RestartTolerance"/>.
    /// </param>
    public static BgNbdFit Fit(IReadOnlyCollection<ClvObservation> customers, double restartTolerance = 1e-12)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("BG/NBD needs at least one customer", nameof(customers));
        }

        var groups = customers
            .GroupBy(c => (c.Frequency, c.Recency, c.Age))
            .Select(g => (g.Key.Frequency, g.Key.Recency, g.Key.Age, Weight: (double)g.Count()))
            .ToArray();

        double NegativeLogLikelihood(double[] logParams)
        {
            var p = ToParameters(logParams);
            double total = 0;
            foreach (var (x, tx, age, weight) in groups)
            {
                total += weight * p.LogLikelihood(x, tx, age);
            }

            return double.IsFinite(total) ? -total : double.MaxValue;
        }

        // Start at r = a = b = 1 (mean 1/2, concentration 2), α scaled to the data: near the mean age keeps the first
        // simplex in a sensible region.
        var meanAge = customers.Average(c => c.Age);
        double[] start = [0, Math.Log(Math.Max(meanAge / 10, 1e-3)), 0, Math.Log(2)];
        var (best, value, evaluations, converged) = NelderMead.Minimize(NegativeLogLikelihood, start, restartTolerance: restartTolerance);
        var fitted = ToParameters(best);
        return new BgNbdFit(fitted, -value, customers.Count, evaluations, converged);
    }

    // Beyond the box the likelihood is flat (the clamped value), so the simplex settles at the edge instead of walking on.
    private static BgNbdParameters ToParameters(double[] coordinates)
    {
        static double Clamp(double l) => Math.Clamp(l, -MaxLogParameter, MaxLogParameter);
        var mean = 1 / (1 + Math.Exp(-Clamp(coordinates[2])));
        var concentration = Math.Exp(Clamp(coordinates[3]));
        return new BgNbdParameters(Math.Exp(Clamp(coordinates[0])), Math.Exp(Clamp(coordinates[1])), mean * concentration, (1 - mean) * concentration);
    }
}
