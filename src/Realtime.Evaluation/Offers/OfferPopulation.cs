using Realtime.Core.Lifecycle;
using Realtime.Core.State;

namespace Realtime.Evaluation.Offers;

/// <summary>
/// Generates a store's customers, one lifecycle situation each, in the proportions of a mid-size shop: a third
/// without a repeat order, a quarter active, a fifth slipping away.
/// </summary>
public static class OfferPopulation
{
    // (situation, share, organic order rate per week)
    private static readonly (string Situation, double Share, double Organic)[] s_mix =
    [
        ("cart_abandoner", 0.10, 0.08), ("new", 0.08, 0.02), ("first_time_buyer", 0.20, 0.05), ("active", 0.25, 0.12),
        ("hero", 0.08, 0.25), ("at_risk", 0.20, 0.03), ("inactive", 0.05, 0.01), ("negative", 0.04, 0.04),
    ];

    /// <summary>The same <paramref name="count"/> customers for a given seed, whatever the arm: arms are compared on identical people.</summary>
    public static List<SimulatedCustomer> Generate(int count, DateTimeOffset now, SimulationArm arm, int seed)
    {
        var random = new Random(seed);
        var customers = new List<SimulatedCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            customers.Add(Create($"sim-{i}", Pick(random), now, arm, random));
        }

        return customers;
    }

    private static (string Situation, double Share, double Organic) Pick(Random random)
    {
        var u = random.NextDouble();
        foreach (var entry in s_mix)
        {
            u -= entry.Share;
            if (u <= 0)
            {
                return entry;
            }
        }

        return s_mix[^1];
    }

    private static SimulatedCustomer Create(string id, (string Situation, double Share, double Organic) mix, DateTimeOffset now, SimulationArm arm, Random random)
    {
        var aov = 60 * Math.Exp(0.4 * Normal(random));
        var (orders, daysSince, segments) = mix.Situation switch
        {
            "cart_abandoner" => (0, 0.0, new[] { Segment.New, Segment.CartAbandoner }),
            "new" => (0, 0.0, new[] { Segment.New }),
            "first_time_buyer" => (1, Uniform(random, 5, 80), new[] { Segment.FirstTimeBuyer }),
            "active" => (random.Next(2, 9), Uniform(random, 4, 40), new[] { Segment.Active }),
            "hero" => (random.Next(8, 25), Uniform(random, 2, 30), new[] { Segment.Hero }),
            "at_risk" => (random.Next(1, 10), Uniform(random, 60, 200), new[] { Segment.AtRisk }),
            "inactive" => (random.Next(1, 6), Uniform(random, 200, 500), new[] { Segment.Inactive }),
            _ => (random.Next(1, 5), Uniform(random, 10, 60), new[] { Segment.Active, Segment.NegativeExperience }),
        };

        var nowMs = TimeUnits.ToMs(now);
        var state = new CustomerState(id) { FirstSeenMs = nowMs - (400 * TimeUnits.MsPerDay), LastSeenMs = nowMs - TimeUnits.MsPerDay };
        if (orders > 0)
        {
            state.OrderCount = orders;
            state.GrossRevenue = orders * aov;
            state.LastOrderMs = nowMs - (long)(daysSince * TimeUnits.MsPerDay);
            state.FirstOrderMs = state.LastOrderMs - ((orders - 1) * 30 * TimeUnits.MsPerDay);
        }

        if (segments.Contains(Segment.CartAbandoner))
        {
            state.Cart.Add(new CartLine("p1", "shoes", 1, aov * Uniform(random, 0.5, 2)));
        }

        if (orders >= 2 && random.NextDouble() < 0.3)
        {
            state.ReviewCount = 1;
            state.ReviewRatingSum = random.NextDouble() < 0.8 ? 5 : 2;
        }

        if (orders >= 3 && random.NextDouble() < 0.3)
        {
            state.Purchased.Add(new PurchasedItem("refill", "consumables", Math.Min(orders, 3 + random.Next(3)), state.FirstOrderMs, state.LastOrderMs));
        }

        var atRisk = segments.Contains(Segment.AtRisk) || segments.Contains(Segment.Inactive);
        return new SimulatedCustomer(state, segments.ToHashSet(), arm)
        {
            ChurnScore = atRisk ? Uniform(random, 0.4, 0.95) : Uniform(random, 0.05, 0.4),
            PredictedClv = orders == 0 ? null : aov * (1 + (orders * 0.8)) * Math.Exp(0.5 * Normal(random)),
            OrganicOrderRate = mix.Organic,
        };
    }

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
