using Realtime.Core.Lifecycle.Clv;

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
