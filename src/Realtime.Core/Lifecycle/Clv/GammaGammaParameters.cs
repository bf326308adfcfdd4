namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// Gamma-Gamma spend parameters (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value"): transaction values
/// ~ Gamma(p, ν) around a customer's mean, with ν ~ Gamma(q, γ) across customers. Needs q &gt; 1 for a finite mean.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma)
{
    /// <summary>The population mean spend per transaction, pγ / (q − 1).</summary>
    public double PopulationMeanSpend => P * Gamma / (Q - 1);

    /// <summary>
    /// E[M | x, mₓ]: the customer's expected spend per transaction, a weighted blend of the population mean and the
    /// customer's own mean mₓ over x transactions: (γ + x mₓ) p / (p x + q − 1). With x = 0 it is the population mean.
    /// </summary>
    public double ConditionalExpectedSpend(double frequency, double monetaryMean) =>
        (Gamma + (frequency * monetaryMean)) * P / ((P * frequency) + Q - 1);

    /// <summary>Log-likelihood of one customer's x transactions with mean value mₓ (x &gt; 0, mₓ &gt; 0).</summary>
    public double LogLikelihood(double frequency, double monetaryMean)
    {
        var px = P * frequency;
        return SpecialFunctions.LogGamma(px + Q) - SpecialFunctions.LogGamma(px) - SpecialFunctions.LogGamma(Q)
            + (Q * Math.Log(Gamma)) + ((px - 1) * Math.Log(monetaryMean)) + (px * Math.Log(frequency))
            - ((px + Q) * Math.Log(Gamma + (frequency * monetaryMean)));
    }
}
