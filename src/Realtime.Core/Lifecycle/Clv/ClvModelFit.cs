namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// A CLV model fitted on the store's own customers (time unit days), with what is needed to judge and audit it: when,
/// on how many customers, the log-likelihoods and whether the optimiser converged. This is what the engine stores and
/// serves; <see cref="Model"/> is what the calculator uses.
/// </summary>
/// <param name="BgNbd">The BG/NBD purchase and drop-out parameters.</param>
/// <param name="GammaGamma">The spend parameters; null when there were no usable repeat customers or that fit was dropped.</param>
/// <param name="FittedAt">The observation instant the customers were summarised at.</param>
/// <param name="Customers">Buyers the BG/NBD part was fitted on.</param>
/// <param name="RepeatCustomers">Repeat buyers with a positive mean spend the Gamma-Gamma part was fitted on (0 without it).</param>
/// <param name="BgNbdLogLikelihood">Total BG/NBD log-likelihood at the fitted parameters.</param>
/// <param name="GammaGammaLogLikelihood">Total Gamma-Gamma log-likelihood; null without that part.</param>
/// <param name="Converged">Whether the BG/NBD optimisation converged within its evaluation budget.</param>
public sealed record ClvModelFit(
    BgNbdParameters BgNbd,
    GammaGammaParameters? GammaGamma,
    DateTimeOffset FittedAt,
    int Customers,
    int RepeatCustomers,
    double BgNbdLogLikelihood,
    double? GammaGammaLogLikelihood,
    bool Converged)
{
    /// <summary>
    /// Nelder–Mead restarts stop once one improves a log-likelihood by at most this (relative); also the bar for
    /// "converged". 1e-8 of a log-likelihood is far below any effect on predictions, and on a likelihood ridge it ends
    /// the optimisation after a few restarts instead of spending the whole evaluation budget.
    /// </summary>
    public const double RestartTolerance = 1e-8;

    /// <summary>The parameters as the calculator takes them.</summary>
    public ClvModel Model => new(BgNbd, GammaGamma);

    /// <summary>
    /// Fits BG/NBD and Gamma-Gamma on <paramref name="customers"/> (observations in days, summarised at
    /// <paramref name="fittedAt"/>). The Gamma-Gamma part is dropped — predictions then use each customer's own mean
    /// spend — when there are no repeat customers, or its fit did not converge, is not finite and positive, or has
    /// q ≤ 1 (an infinite population mean). Whether the whole fit is fit to serve is <see cref="Problem"/>'s call.
    /// BG/NBD sees tₓ and T rounded to whole days.
    /// </summary>
    public static ClvModelFit Fit(IReadOnlyCollection<ClvObservation> customers, DateTimeOffset fittedAt)
    {
        // Whole days: transactions are purchase days anyway, and identical rows are fitted once, so a large sample
        // collapses to far fewer distinct (x, tₓ, T) rows — the likelihood's cost follows those, not the customers.
        var days = customers.Select(c => c with { Recency = Math.Round(c.Recency), Age = Math.Round(c.Age) }).ToList();
        var bgnbd = Clv.BgNbd.Fit(days, RestartTolerance);
        GammaGammaFit? gg = null;
        if (customers.Any(c => c.Frequency > 0 && c.MonetaryMean > 0))
        {
            var fitted = Clv.GammaGamma.FitWithDiagnostics(customers, RestartTolerance);
            gg = fitted.Converged && GammaGammaProblem(fitted.Parameters, fitted.LogLikelihood) is null ? fitted : null;
        }

        return new ClvModelFit(
            bgnbd.Parameters, gg?.Parameters, fittedAt, bgnbd.Customers, gg?.Customers ?? 0, bgnbd.LogLikelihood, gg?.LogLikelihood, bgnbd.Converged);
    }

    /// <summary>
    /// Why this fit must not be served, or null when it may: the optimisation did not converge, or a parameter or
    /// log-likelihood is not finite, or a parameter is not positive, or Gamma-Gamma has q ≤ 1. A refused fit leaves
    /// the previous model (or the fallback) in place.
    /// </summary>
    public string? Problem()
    {
        if (!Converged)
        {
            return "the BG/NBD fit did not converge";
        }

        if (Customers <= 0)
        {
            return "no customers";
        }

        var p = BgNbd;
        if (!(Positive(p.R) && Positive(p.Alpha) && Positive(p.A) && Positive(p.B)))
        {
            return "a BG/NBD parameter is not finite and positive";
        }

        if (!double.IsFinite(BgNbdLogLikelihood))
        {
            return "the BG/NBD log-likelihood is not finite";
        }

        return GammaGamma is { } gg ? GammaGammaProblem(gg, GammaGammaLogLikelihood ?? double.NaN) : null;
    }

    private static string? GammaGammaProblem(GammaGammaParameters gg, double logLikelihood)
    {
        if (!(Positive(gg.P) && Positive(gg.Q) && Positive(gg.Gamma)))
        {
            return "a Gamma-Gamma parameter is not finite and positive";
        }

        if (gg.Q <= 1)
        {
            return "Gamma-Gamma q ≤ 1 (infinite mean spend)";
        }

        return double.IsFinite(logLikelihood) ? null : "the Gamma-Gamma log-likelihood is not finite";
    }

    private static bool Positive(double value) => double.IsFinite(value) && value > 0;
}
