namespace Realtime.Core.Lifecycle.Clv;

/// <summary>Maximum-likelihood fitting of the BG/NBD model.</summary>
public static class BgNbd
{
    /// <summary>
    /// Fits r, α, a, b by maximising the total log-likelihood with Nelder–Mead on log-parameters (positivity for free,
    /// and steps scale with the parameter). Identical (x, tₓ, T) rows are grouped first: real data repeats them a lot
    /// (every one-time buyer of a cohort shares one), which makes each likelihood evaluation much cheaper.
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
            var p = new BgNbdParameters(Math.Exp(logParams[0]), Math.Exp(logParams[1]), Math.Exp(logParams[2]), Math.Exp(logParams[3]));
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
        var fitted = new BgNbdParameters(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]));
        return new BgNbdFit(fitted, -value, customers.Count, evaluations, converged);
    }
}
