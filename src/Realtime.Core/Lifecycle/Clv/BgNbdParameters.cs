using static Realtime.Core.Lifecycle.Clv.SpecialFunctions;

namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005): purchase rates λ ~ Gamma(r, α) while alive, and after each purchase
/// the customer drops out with probability p ~ Beta(a, b). α is in the time unit of the fitted data.
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B)
{
    /// <summary>Log-likelihood of one customer's (x, tₓ, T), the hypergeometric-free closed form (FHL 2005, eq. 6).</summary>
    public double LogLikelihood(double x, double tx, double age)
    {
        var common = LogGamma(R + x) - LogGamma(R) + (R * Math.Log(Alpha))
            + LogGamma(A + B) + LogGamma(B + x) - LogGamma(B) - LogGamma(A + B + x);
        var survived = -(R + x) * Math.Log(Alpha + age);
        if (x <= 0)
        {
            return common + survived;
        }

        var droppedAfterLast = Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + tx));
        return common + LogSumExp(survived, droppedAfterLast);
    }

    /// <summary>P(alive | x, tₓ, T): the probability the customer has not dropped out by T.</summary>
    public double ProbabilityAlive(double x, double tx, double age) =>
        x <= 0 ? 1 : 1 / (1 + (A / (B + x - 1) * Math.Exp((R + x) * Math.Log((Alpha + age) / (Alpha + tx)))));

    /// <summary>
    /// P(X(T, T + τ) = 0 | x, tₓ, T): the probability of no purchase in the next <paramref name="horizon"/>. A customer
    /// who dropped out buys nothing; one still alive with rate λ buys nothing with probability e^(−λτ), and (dropping out
    /// only happens at a purchase) the posterior of λ given alive is Gamma(r + x, α + T). So
    /// P = 1 − P(alive) · (1 − ((α + T) / (α + T + τ))^(r + x)). Not 1 − P(alive): a one-time buyer has P(alive) = 1 yet,
    /// with a low rate, a high chance of buying nothing.
    /// </summary>
    public double ProbabilityNoPurchase(double horizon, double x, double tx, double age)
    {
        var silentIfAlive = Math.Exp((R + x) * Math.Log((Alpha + age) / (Alpha + age + Math.Max(0, horizon))));
        return 1 - (ProbabilityAlive(x, tx, age) * (1 - silentIfAlive));
    }

    /// <summary>E[X(t)]: expected purchases in a period of length t for a randomly chosen new customer.</summary>
    public double ExpectedPurchases(double t)
    {
        var z = t / (Alpha + t);
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * Hyp2F1(R, B, A + B - 1, z)));
    }

    /// <summary>E[Y(t) | x, tₓ, T]: expected purchases in the next t for a customer with this history (FHL 2005, eq. 10).</summary>
    public double ConditionalExpectedPurchases(double t, double x, double tx, double age)
    {
        if (t <= 0)
        {
            return 0;
        }

        var c = A + B + x - 1;
        if (SpecialFunctions.IsHyp2F1Pole(c))
        {
            c += 1e-9; // ₂F₁ has a pole there; the expectation is continuous in c, so step off it
        }

        var z = t / (Alpha + age + t);
        var bracket = 1 - (Math.Exp((R + x) * Math.Log((Alpha + age) / (Alpha + age + t))) * Hyp2F1(R + x, B + x, c, z));
        var numerator = c / (A - 1) * bracket;
        var denominator = x > 0 ? 1 + (A / (B + x - 1) * Math.Exp((R + x) * Math.Log((Alpha + age) / (Alpha + tx)))) : 1;
        return numerator / denominator;
    }
}
