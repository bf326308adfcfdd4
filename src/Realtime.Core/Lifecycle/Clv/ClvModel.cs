namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// Fitted CLV parameters, time unit days (fit on <see cref="ClvObservation.From"/> outputs). Either part may be
/// missing: without BG/NBD the calculator uses its documented fallback; without Gamma-Gamma the customer's own mean spend.
/// </summary>
public sealed record ClvModel(BgNbdParameters? BgNbd, GammaGammaParameters? GammaGamma)
{
    /// <summary>No fitted parameters: every estimate uses the fallback.</summary>
    public static ClvModel None { get; } = new(null, null);

    /// <summary>
    /// Fits both parts on a customer population (observations in days). Gamma-Gamma is skipped when there are no
    /// repeat customers or when the fit gives q ≤ 1 (an infinite population mean: unusable for prediction).
    /// </summary>
    public static ClvModel Fit(IReadOnlyCollection<ClvObservation> customers)
    {
        var bgnbd = Clv.BgNbd.Fit(customers).Parameters;
        GammaGammaParameters? gg = null;
        if (customers.Any(c => c.Frequency > 0 && c.MonetaryMean > 0))
        {
            var fitted = Clv.GammaGamma.Fit(customers).Parameters;
            gg = fitted.Q > 1 ? fitted : null;
        }

        return new ClvModel(bgnbd, gg);
    }
}
