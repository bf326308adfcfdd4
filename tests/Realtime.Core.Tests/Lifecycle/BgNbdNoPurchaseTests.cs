using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>
/// P(no purchase in the next τ | x, tₓ, T) checked against the process itself: simulate BG/NBD customers with known
/// parameters, then, within groups defined by what was observed up to T, the mean predicted probability must match the
/// share that really bought nothing in (T, T + τ] (the tower property makes this hold for any grouping by the data).
/// </summary>
public sealed class BgNbdNoPurchaseTests
{
    private static readonly BgNbdParameters s_cdnow = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void No_purchase_probability_matches_a_simulation_of_the_process_by_frequency_and_recency()
    {
        const double Age = 39, Horizon = 39;
        var rng = new Random(7);
        var customers = Enumerable.Range(0, 200_000).Select(_ => Simulate(s_cdnow, Age, Horizon, rng)).ToList();

        // Groups: one-time buyers, then repeat buyers split by frequency and by whether the last purchase is recent.
        var groups = customers.GroupBy(c => (Math.Min(c.X, 3), c.X > 0 && Age - c.Tx < 13)).Where(g => g.Count() >= 1000).ToList();
        Assert.True(groups.Count >= 5, $"{groups.Count} groups");
        foreach (var group in groups)
        {
            var observed = group.Average(c => c.BoughtLater ? 0.0 : 1.0);
            var predicted = group.Average(c => s_cdnow.ProbabilityNoPurchase(Horizon, c.X, c.Tx, Age));
            Assert.True(Math.Abs(observed - predicted) < 0.02, $"group {group.Key}: {group.Count()} customers, observed {observed:0.0000}, predicted {predicted:0.0000}");
        }
    }

    [Fact]
    public void No_purchase_probability_differs_from_one_minus_alive_for_one_time_buyers()
    {
        // P(alive) = 1 for x = 0, yet a one-time buyer at T = 39 weeks has a rate posterior Gamma(r, α + T): mostly silent.
        Assert.Equal(1, s_cdnow.ProbabilityAlive(0, 0, 39));
        Assert.Equal(Math.Pow((4.414 + 39) / (4.414 + 78), 0.243), s_cdnow.ProbabilityNoPurchase(39, 0, 0, 39), 12);
        Assert.Equal(1, s_cdnow.ProbabilityNoPurchase(0, 2, 30, 39), 12);
    }

    private static (int X, double Tx, bool BoughtLater) Simulate(BgNbdParameters p, double age, double horizon, Random rng)
    {
        var rate = Simulation.Gamma(rng, p.R) / p.Alpha;
        var dropout = Simulation.Beta(rng, p.A, p.B);
        double t = 0, tx = 0;
        var x = 0;
        while (true)
        {
            t += -Math.Log(1 - rng.NextDouble()) / rate;
            if (t > age + horizon)
            {
                return (x, tx, false);
            }

            if (t > age)
            {
                return (x, tx, true);
            }

            (x, tx) = (x + 1, t);
            if (rng.NextDouble() < dropout)
            {
                return (x, tx, false); // dropped out right after this repeat purchase
            }
        }
    }
}
