using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class BgNbdTests
{
    // Fader, Hardie & Lee (2005) CDNOW estimates, weeks. Reference values below were computed independently with
    // mpmath (arbitrary-precision hyp2f1); 1.226 for customer 1 is also the paper's own worked example.
    private static readonly BgNbdParameters s_cdnow = new(0.243, 4.414, 0.793, 2.426);

    [Theory]
    [InlineData(39, 2, 30.43, 38.86, 1.22602817476714)]
    [InlineData(39, 0, 0, 38.86, 0.195098052011263)]
    [InlineData(52, 5, 10, 38.86, 0.119117775376079)]
    [InlineData(365, 20, 300, 310, 16.131436239806)]
    public void Conditional_expected_purchases_match_hand_checked_values(double t, double x, double tx, double age, double expected)
    {
        Assert.Equal(expected, s_cdnow.ConditionalExpectedPurchases(t, x, tx, age), 9);
    }

    [Theory]
    [InlineData(2, 30.43, 38.86, 0.726578570080673)]
    [InlineData(5, 10, 38.86, 0.02480436616877851)]
    [InlineData(0, 0, 38.86, 1)]
    public void Probability_alive_matches_hand_checked_values(double x, double tx, double age, double expected)
    {
        Assert.Equal(expected, s_cdnow.ProbabilityAlive(x, tx, age), 12);
    }

    [Theory]
    [InlineData(39, 1.19672319332082)]
    [InlineData(78, 1.86051905794277)]
    public void Expected_purchases_of_a_new_customer_match_hand_checked_values(double t, double expected)
    {
        Assert.Equal(expected, s_cdnow.ExpectedPurchases(t), 9);
    }

    // c = a + b + x − 1 < 0: a customer with no repeat purchase under a fit with a + b < 1 (a store's own refit produced
    // one, and the series refused it, stalling ingest). References: the same series in exact rational arithmetic.
    [Theory]
    [InlineData(0.5, 1.2, -0.3, 0.4, -1.532815426770206)]
    [InlineData(0.7, 1.3, -0.2, 1.0 / 6, -0.17777783787215773)]
    public void Hyp2F1_is_defined_for_negative_non_integer_c(double a, double b, double c, double z, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.Hyp2F1(a, b, c, z), 12);
    }

    [Theory]
    [InlineData(0.4, 0.5)] // a + b < 1: c < 0 for x = 0
    [InlineData(0.5, 0.5)] // a + b = 1: c = 0, the pole
    [InlineData(1.0, 0.5)] // a = 1: the closed form divides by zero
    public void Conditional_expectation_is_finite_or_falls_back_for_unusual_fits(double a, double b)
    {
        var p = new BgNbdParameters(0.3, 5, a, b);
        var e = p.ConditionalExpectedPurchases(52, 0, 0, 40);
        Assert.True(a == 1.0 || (double.IsFinite(e) && e >= 0), $"E = {e}");

        var customer = new CustomerState("c1") { OrderCount = 1, GrossRevenue = 40, FirstOrderMs = 1_000, LastOrderMs = 1_000, FirstSeenMs = 1_000, LastSeenMs = 1_000 };
        var clv = ClvCalculator.Estimate(customer, DateTimeOffset.FromUnixTimeMilliseconds(1_000).AddDays(90), new ClvModel(p, null), new LifecycleOptions());
        Assert.True(double.IsFinite(clv.Predicted) && clv.Predicted >= 0, $"predicted {clv.Predicted} by {clv.Method}");
    }

    [Fact]
    public void A_long_silent_frequent_buyer_is_less_likely_alive_than_a_recent_one()
    {
        Assert.True(s_cdnow.ProbabilityAlive(5, 10, 38.86) < s_cdnow.ProbabilityAlive(5, 38, 38.86));
    }

    [Fact]
    public void Fitting_simulated_customers_recovers_the_parameters_that_generated_them()
    {
        var truth = new BgNbdParameters(0.5, 20, 0.8, 2.5);
        var customers = Simulation.BgNbd(truth, customers: 8000, minAge: 150, maxAge: 400, seed: 7);

        var fit = BgNbd.Fit(customers);

        var p = fit.Parameters;
        Assert.InRange(p.R / truth.R, 0.85, 1.15);
        Assert.InRange(p.Alpha / truth.Alpha, 0.8, 1.2);
        Assert.InRange(p.A / truth.A, 0.7, 1.3);
        Assert.InRange(p.B / truth.B, 0.7, 1.3);

        // The maximum likelihood is at least as likely as the truth.
        var atTruth = customers.Sum(c => truth.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.True(fit.LogLikelihood >= atTruth - 1e-6, $"fit {fit.LogLikelihood} < truth {atTruth}");
    }
}
