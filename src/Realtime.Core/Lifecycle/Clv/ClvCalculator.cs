using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// Customer lifetime value: historical = net revenue; predicted = expected transactions over
/// <see cref="LifecycleOptions.ClvHorizonDays"/> × expected spend per transaction, discounted monthly at
/// <see cref="LifecycleOptions.ClvAnnualDiscountRate"/>. Every figure is finite and saturates at
/// ±<see cref="StateLimits.MaxTotal"/>: CLV is stored (Redis) and summed into counters, which refuse infinity.
/// </summary>
public static class ClvCalculator
{
    private const double DaysPerYear = 365.25;
    private const double DaysPerMonth = DaysPerYear / 12;

    /// <summary>
    /// The estimate for <paramref name="state"/> at <paramref name="now"/>. With BG/NBD parameters: conditional expected
    /// transactions (FHL 2005 eq. 10) per month of the horizon, each discounted to now, times Gamma-Gamma's conditional
    /// spend (or the customer's own mean when Gamma-Gamma is missing). Without them, the fallback (see
    /// <see cref="FallbackRate"/>).
    /// </summary>
    public static ClvEstimate Estimate(CustomerState state, DateTimeOffset now, ClvModel model, LifecycleOptions options)
    {
        if (ClvObservation.From(state, now) is not { } obs)
        {
            return new ClvEstimate(state.NetRevenue, 0, 0, 0, null, ClvMethod.None);
        }

        var spend = model.GammaGamma is { } gg ? gg.ConditionalExpectedSpend(obs.Frequency, obs.MonetaryMean) : obs.MonetaryMean;
        var horizon = options.ClvHorizonDays;
        var steps = Math.Max(1, (int)Math.Round(horizon / DaysPerMonth));
        double transactions;
        double discounted;
        double alive;
        ClvMethod method;
        if (model.BgNbd is { } p && TryModel(p, obs, horizon, steps, options, out transactions, out discounted, out alive))
        {
            method = ClvMethod.Model;
        }
        else
        {
            (var perDay, alive) = FallbackRate(state, now, options);
            transactions = perDay * horizon;
            discounted = 0; // a refused model attempt may have left a partial sum
            for (var k = 1; k <= steps; k++)
            {
                discounted += transactions / steps * Discount(horizon * k / steps, options.ClvAnnualDiscountRate);
            }

            method = ClvMethod.Fallback;
        }

        return new ClvEstimate(state.NetRevenue, Saturating.Money(discounted * spend), Saturating.Money(transactions), Saturating.Money(spend), alive, method);
    }

    /// <summary>
    /// The BG/NBD expectation over the horizon, or false when the fitted parameters give no finite answer for this
    /// customer (a = 1 divides by zero in the closed form): the caller then uses the fallback, so a surprising fit can
    /// never turn one customer's CLV into an exception inside an ingest batch.
    /// </summary>
    private static bool TryModel(BgNbdParameters p, ClvObservation obs, double horizon, int steps, LifecycleOptions options, out double transactions, out double discounted, out double alive)
    {
        alive = p.ProbabilityAlive(obs.Frequency, obs.Recency, obs.Age);
        discounted = 0;
        double previous = 0;
        for (var k = 1; k <= steps; k++)
        {
            var t = horizon * k / steps;
            var cumulative = p.ConditionalExpectedPurchases(t, obs.Frequency, obs.Recency, obs.Age);
            discounted += (cumulative - previous) * Discount(t, options.ClvAnnualDiscountRate);
            previous = cumulative;
        }

        transactions = previous;
        return double.IsFinite(transactions) && double.IsFinite(discounted) && double.IsFinite(alive) && transactions >= 0;
    }

    /// <summary>
    /// Fallback when no parameters are fitted yet (a new store): the customer buys once per expected gap (its own mean
    /// gap, floored at <see cref="LifecycleOptions.MinExpectedGapDays"/>; <see cref="LifecycleOptions.DefaultExpectedGapDays"/>
    /// for one-order customers) while alive, and is taken as alive with weight exp(−overrun / gap), where overrun is
    /// how far the silence exceeds one gap: within its rhythm a customer counts fully, and each further gap of
    /// silence cuts the expectation by e. Returns (transactions per day, that survival weight).
    /// </summary>
    public static (double PerDay, double Survival) FallbackRate(CustomerState state, DateTimeOffset now, LifecycleOptions options)
    {
        if (state.OrderCount == 0)
        {
            return (0, 0);
        }

        var gap = Math.Max(state.MeanOrderGapDays ?? options.DefaultExpectedGapDays, Math.Max(options.MinExpectedGapDays, 1e-3));
        var silence = Math.Max(0, TimeUnits.DaysBetween(state.LastOrderMs, TimeUnits.ToMs(now)));
        var survival = Math.Exp(-Math.Max(0, silence - gap) / gap);
        return (survival / gap, survival);
    }

    private static double Discount(double days, double annualRate) => Math.Pow(1 + annualRate, -days / DaysPerYear);
}
