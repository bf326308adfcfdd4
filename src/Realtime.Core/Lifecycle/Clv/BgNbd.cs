namespace Realtime.Core.Lifecycle.Clv;

/// <summary>Maximum-likelihood fitting of the BG/NBD model.</summary>
public static class BgNbd
{
    /// <summary>
    /// Parameters are kept within e^±12 (about 6e-6 to 1.6e5). When every customer has nearly the same drop-out
    /// chance, the likelihood rises along a ridge with a and b growing together towards infinity (the Beta becomes a
    /// point mass): the box ends that walk at a model that predicts the same, instead of spending the whole budget.
    /// </summary>
    public const double MaxLogParameter = 12;

    /// <summary>
    /// Fits r, α, a, b by maximising the total log-likelihood with Nelder–Mead on log-parameters (positivity for free,
    /// and steps scale with the parameter). Identical (x, tₓ, T) rows are grouped first: real data repeats them a lot
    /// (every one-time buyer of a cohort shares one), which makes each likelihood evaluation much cheaper. The
    /// parameters stay within e^±<see cref="MaxLogParameter"/>.
    /// </summary>
    public static BgNbdFit Fit(IReadOnlyCollection<ClvObservation> customers)
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

        // Start at r = α = a = b = 1 scaled to the data: α near the mean age keeps the first simplex in a sensible region.
        var meanAge = customers.Average(c => c.Age);
        double[] start = [0, Math.Log(Math.Max(meanAge / 10, 1e-3)), 0, 0];
        var (best, value, evaluations, converged) = NelderMead.Minimize(NegativeLogLikelihood, start);
        var fitted = ToParameters(best);
        return new BgNbdFit(fitted, -value, customers.Count, evaluations, converged);
    }

    // Beyond the box the likelihood is flat (the clamped value), so the simplex settles at the edge instead of walking on.
    private static BgNbdParameters ToParameters(double[] logParams)
    {
        static double Exp(double l) => Math.Exp(Math.Clamp(l, -MaxLogParameter, MaxLogParameter));
        return new BgNbdParameters(Exp(logParams[0]), Exp(logParams[1]), Exp(logParams[2]), Exp(logParams[3]));
    }
}
