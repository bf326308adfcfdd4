namespace Realtime.Core.Lifecycle.Clv;

/// <summary>Maximum-likelihood fitting of the Gamma-Gamma spend model.</summary>
public static class GammaGamma
{
    /// <summary>
    /// Parameters are kept within e^±20 (wide: γ carries the currency's scale). When customers' mean spends vary
    /// little, the likelihood rises along a ridge with q and γ growing together; the box ends that walk.
    /// </summary>
    public const double MaxLogParameter = 20;

    /// <summary>
    /// Fits p, q, γ on the customers with at least one repeat transaction and a positive mean value (the model describes
    /// repeat spend; one-time buyers carry no information about spend variation). Nelder–Mead on log-parameters.
    /// </summary>
    public static (GammaGammaParameters Parameters, double LogLikelihood, int Customers) Fit(IEnumerable<ClvObservation> customers)
    {
        var fit = FitWithDiagnostics(customers);
        return (fit.Parameters, fit.LogLikelihood, fit.Customers);
    }

    /// <summary>Like <see cref="Fit"/>, and also reports the optimiser's work and whether it converged.</summary>
    /// <param name="customers">The observations (only repeat customers with a positive mean spend are used).</param>
    /// <param name="restartTolerance">As for <see cref="BgNbd.Fit"/>.</param>
    public static GammaGammaFit FitWithDiagnostics(IEnumerable<ClvObservation> customers, double restartTolerance = 1e-12)
    {
        var used = customers.Where(c => c.Frequency > 0 && c.MonetaryMean > 0).Select(c => (c.Frequency, c.MonetaryMean)).ToArray();
        if (used.Length == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs customers with repeat transactions", nameof(customers));
        }

        double NegativeLogLikelihood(double[] logParams)
        {
            var p = ToParameters(logParams);
            double total = 0;
            foreach (var (x, m) in used)
            {
                total += p.LogLikelihood(x, m);
            }

            return double.IsFinite(total) ? -total : double.MaxValue;
        }

        var meanSpend = used.Average(u => u.MonetaryMean);
        double[] start = [0, Math.Log(2), Math.Log(meanSpend)];
        var (best, value, evaluations, converged) = NelderMead.Minimize(NegativeLogLikelihood, start, restartTolerance: restartTolerance);
        var fitted = ToParameters(best);
        return new GammaGammaFit(fitted, -value, used.Length, evaluations, converged);
    }

    // Beyond the box the likelihood is flat (the clamped value), so the simplex settles at the edge instead of walking on.
    private static GammaGammaParameters ToParameters(double[] logParams)
    {
        static double Exp(double l) => Math.Exp(Math.Clamp(l, -MaxLogParameter, MaxLogParameter));
        return new GammaGammaParameters(Exp(logParams[0]), Exp(logParams[1]), Exp(logParams[2]));
    }
}
