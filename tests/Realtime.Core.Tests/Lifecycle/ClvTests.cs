using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class ClvTests
{
    private static readonly DateTimeOffset s_t0 = Customer.T0;
    private readonly LifecycleOptions _undiscounted = new() { ClvAnnualDiscountRate = 0 };

    [Fact]
    public void Log_gamma_matches_known_values()
    {
        Assert.Equal(0.5723649429247004, SpecialFunctions.LogGamma(0.5), 12);
        Assert.Equal(12.801827480081467, SpecialFunctions.LogGamma(10), 11);
        Assert.Equal(359.1342053695754, SpecialFunctions.LogGamma(100), 9);
        Assert.Equal(6.907178885383854, SpecialFunctions.LogGamma(1e-3), 11);
    }

    [Fact]
    public void The_hypergeometric_series_matches_its_closed_form()
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z.
        foreach (var z in new[] { 0.1, 0.5, 0.9, 0.99 })
        {
            Assert.Equal(-Math.Log(1 - z) / z, SpecialFunctions.Hyp2F1(1, 1, 2, z), 10);
        }
    }

    [Fact]
    public void Gamma_gamma_blends_the_population_mean_with_the_customers_own()
    {
        var gg = new GammaGammaParameters(6.25, 3.74, 15.44);
        Assert.Equal(30.938320209973753, gg.ConditionalExpectedSpend(2, 30), 10);
        Assert.Equal(gg.PopulationMeanSpend, gg.ConditionalExpectedSpend(0, 0), 12);
    }

    [Fact]
    public void Fitting_simulated_spend_recovers_the_gamma_gamma_parameters()
    {
        var truth = new GammaGammaParameters(6, 4, 15);
        var (fitted, _, used) = GammaGamma.Fit(Simulation.GammaGamma(truth, customers: 6000, seed: 11));
        Assert.Equal(6000, used);
        Assert.InRange(fitted.P / truth.P, 0.85, 1.15);
        Assert.InRange(fitted.PopulationMeanSpend / truth.PopulationMeanSpend, 0.9, 1.1);
    }

    [Fact]
    public void Same_day_orders_count_as_one_transaction()
    {
        var c = new Customer().Ordered(s_t0, 20).Ordered(s_t0.AddHours(2), 40).Ordered(s_t0.AddDays(7), 30);
        var obs = ClvObservation.From(c.State, s_t0.AddDays(10))!.Value;
        Assert.Equal(1, obs.Frequency);
        Assert.Equal(7, obs.Recency, 9);
        Assert.Equal(10, obs.Age, 9);
        Assert.Equal(45, obs.MonetaryMean, 9);
    }

    [Fact]
    public void A_customer_without_orders_has_only_historical_value()
    {
        var estimate = ClvCalculator.Estimate(new Customer().Viewed(s_t0).State, s_t0, ClvModel.None, _undiscounted);
        Assert.Equal(ClvMethod.None, estimate.Method);
        Assert.Equal(0, estimate.Total);
    }

    [Fact]
    public void The_fallback_projects_the_customers_own_rhythm_and_order_value()
    {
        // Every 30 days, 50 per order, last order 10 days ago: 365 / 30 orders of 50 in a year.
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(30)).Ordered(s_t0.AddDays(60));
        var estimate = ClvCalculator.Estimate(c.State, s_t0.AddDays(70), ClvModel.None, _undiscounted);
        Assert.Equal(ClvMethod.Fallback, estimate.Method);
        Assert.Equal(150, estimate.Historical);
        Assert.Equal(365.0 / 30 * 50, estimate.Predicted, 6);
        Assert.Equal(1, estimate.ProbabilityAlive);
    }

    [Fact]
    public void The_fallback_fades_a_customer_silent_beyond_its_rhythm()
    {
        // Silent 90 days against a 30-day rhythm: two gaps over, weight e^-2.
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(30));
        var estimate = ClvCalculator.Estimate(c.State, s_t0.AddDays(120), ClvModel.None, _undiscounted);
        Assert.Equal(Math.Exp(-2), estimate.ProbabilityAlive!.Value, 9);
        Assert.Equal(Math.Exp(-2) * 365.0 / 30 * 50, estimate.Predicted, 6);
    }

    [Fact]
    public void Discounting_lowers_the_predicted_value()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(30));
        var plain = ClvCalculator.Estimate(c.State, s_t0.AddDays(31), ClvModel.None, _undiscounted);
        var discounted = ClvCalculator.Estimate(c.State, s_t0.AddDays(31), ClvModel.None, new LifecycleOptions());
        Assert.InRange(discounted.Predicted / plain.Predicted, 0.9, 0.97);
    }

    [Fact]
    public void With_fitted_parameters_the_model_drives_the_prediction()
    {
        // CDNOW parameters rescaled from weeks to days: only α carries the time unit.
        var model = new ClvModel(new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426), new GammaGammaParameters(6.25, 3.74, 15.44));
        var c = new Customer().Ordered(s_t0, 30).Ordered(s_t0.AddDays(60), 30).Ordered(s_t0.AddDays(213), 30);
        var now = s_t0.AddDays(272);
        var options = new LifecycleOptions { ClvAnnualDiscountRate = 0, ClvHorizonDays = 273 };

        var estimate = ClvCalculator.Estimate(c.State, now, model, options);

        Assert.Equal(ClvMethod.Model, estimate.Method);
        Assert.Equal(model.BgNbd!.ConditionalExpectedPurchases(273, 2, 213, 272), estimate.ExpectedTransactions, 9);
        Assert.Equal(model.GammaGamma!.ConditionalExpectedSpend(2, 30) * estimate.ExpectedTransactions, estimate.Predicted, 6);
        Assert.Equal(model.BgNbd.ProbabilityAlive(2, 213, 272), estimate.ProbabilityAlive);
    }
}
