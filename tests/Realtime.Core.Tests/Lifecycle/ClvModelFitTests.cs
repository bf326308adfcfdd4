using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Simulation;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class ClvModelFitTests
{
    private static readonly DateTimeOffset s_at = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ClvModelFit s_good = new(
        new BgNbdParameters(0.5, 20, 0.8, 2.5), new GammaGammaParameters(6, 4, 15), s_at, 1000, 300, -5000, -1200, Converged: true);

    [Fact]
    public void A_converged_fit_of_simulated_customers_is_accepted()
    {
        var customers = Simulation.BgNbd(new BgNbdParameters(0.5, 20, 0.8, 2.5), customers: 3000, minAge: 150, maxAge: 400, seed: 3)
            .Select((c, i) => c with { MonetaryMean = c.Frequency > 0 ? 20 + (i % 37) : 0 })
            .ToList();

        var fit = ClvModelFit.Fit(customers, s_at);

        Assert.True(fit.Converged);
        Assert.Null(fit.Problem());
        Assert.NotNull(fit.GammaGamma);
        Assert.Equal(3000, fit.Customers);
        Assert.Equal(customers.Count(c => c.Frequency > 0), fit.RepeatCustomers);
    }

    [Fact]
    public void A_fit_that_did_not_converge_is_refused()
    {
        Assert.Null(s_good.Problem());
        Assert.Contains("converge", (s_good with { Converged = false }).Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void A_fit_with_a_non_finite_or_non_positive_parameter_is_refused(double bad)
    {
        Assert.NotNull((s_good with { BgNbd = s_good.BgNbd with { R = bad } }).Problem());
        Assert.NotNull((s_good with { BgNbd = s_good.BgNbd with { Alpha = bad } }).Problem());
        Assert.NotNull((s_good with { BgNbd = s_good.BgNbd with { A = bad } }).Problem());
        Assert.NotNull((s_good with { BgNbd = s_good.BgNbd with { B = bad } }).Problem());
        Assert.NotNull((s_good with { GammaGamma = s_good.GammaGamma! with { Gamma = bad } }).Problem());
    }

    [Fact]
    public void A_fit_with_a_non_finite_log_likelihood_or_an_infinite_mean_spend_is_refused()
    {
        Assert.NotNull((s_good with { BgNbdLogLikelihood = double.NegativeInfinity }).Problem());
        Assert.NotNull((s_good with { GammaGammaLogLikelihood = double.NaN }).Problem());
        Assert.NotNull((s_good with { GammaGamma = s_good.GammaGamma! with { Q = 0.9 } }).Problem());
        Assert.Null((s_good with { GammaGamma = null, GammaGammaLogLikelihood = null }).Problem());
    }

    [Fact]
    public async Task The_fitter_stores_a_usable_fit_once_per_lease_and_never_below_the_minimum()
    {
        var ports = new InMemoryLifecyclePorts();
        var sim = new SimulationOptions { Customers = 800, Seed = 5, IncludeCatalog = false };
        foreach (var e in StoreSimulator.Generate(sim))
        {
            if (!ports.States.TryGetValue(e.CustomerId, out var s))
            {
                ports.States[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(s, e);
        }

        var models = new InMemoryClvModelStore();
        var fitter = new ClvModelFitter(ports, models);
        var now = sim.Start + sim.Span;
        var buyers = ports.States.Values.Count(s => s.OrderCount > 0);

        var tooFew = await fitter.RunAsync(now, new ClvFitOptions { MinCustomers = buyers + 1, MaxCustomers = buyers + 1 }, takeLease: false, CancellationToken.None);
        Assert.Equal(ClvFitStatus.TooFewCustomers, tooFew.Status);
        Assert.Null(models.Stored);

        var stored = await fitter.RunAsync(now, new ClvFitOptions { MinCustomers = 100 }, takeLease: true, CancellationToken.None);
        Assert.True(stored.Status == ClvFitStatus.Stored, $"{stored.Status}: {stored.Reason} {stored.Fit}");
        Assert.Equal(buyers, stored.Buyers);
        Assert.Same(stored.Fit, models.Stored);
        Assert.Equal(now, models.Stored!.FittedAt);

        var second = await fitter.RunAsync(now, new ClvFitOptions { MinCustomers = 100 }, takeLease: true, CancellationToken.None);
        Assert.Equal(ClvFitStatus.LeaseHeld, second.Status);

        var capped = await fitter.RunAsync(now, new ClvFitOptions { MinCustomers = 100, MaxCustomers = 200 }, takeLease: false, CancellationToken.None);
        Assert.Equal(200, capped.Buyers);
    }
}
