using System.Diagnostics;
using Realtime.Core.Events;
using Realtime.Core.Offers;
using Realtime.Core.State;

namespace Realtime.Evaluation.Offers;

/// <summary>
/// <c>scripts/eval offers-uplift</c>: a generated store whose true acceptance rates differ from the playbook's priors.
/// The same customers are simulated once per arm (holdout: nothing; fixed: priors only; bandit: Thompson sampling
/// learning from its own outcomes; oracle: knows the true rates), one email decision per customer per weekly round.
/// Shown and redeemed offers are folded into the state, so caps and no-repeat rules bind; the bandit learns through
/// <see cref="OfferLearning"/> with a round's delay, as in production. Acceptance draws are shared across arms
/// (common random numbers) and value is counted in expectation under the true rates, so arm differences are the
/// policies' and not noise: value = organic margin + Σ true_p × (value − cost) − contact cost.
/// Options: <c>--customers</c> (20000), <c>--rounds</c> (26), <c>--seed</c> (42).
/// </summary>
public static class OffersUpliftEvaluation
{
    private const string Channel = "email";

    public static int Run(int count, int rounds, int seed, bool progress, TextWriter output)
    {
        var playbook = DefaultOfferCatalog.Catalog;

        // Arms are whole copies of the population, so the engine's own holdout would only thin them out.
        var engine = new OfferDecisionEngine(playbook with { Policy = playbook.Policy with { HoldoutShare = 0 } });
        var truth = new HiddenAcceptance(playbook, seed + 1);
        var oracleStats = truth.AsOracleStats();
        var banditStats = new OfferStats();
        var learning = new OfferLearning(playbook);
        var sampling = new Random(seed + 2);
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var arms = Enum.GetValues<SimulationArm>().ToDictionary(a => a, a => OfferPopulation.Generate(count, start, a, seed));
        var offered = new Dictionary<SimulationArm, int>();
        var decideTime = new Stopwatch();
        var decisions = 0;

        output.WriteLine($"offers-uplift: {count} customers × {arms.Count} arms, {rounds} weekly rounds, catalog {playbook.Name} {playbook.Version}, seed {seed}");
        using var meter = ProgressMeter.Start("offers-uplift rounds", rounds, progress);
        for (var round = 0; round < rounds; round++)
        {
            meter.Advance();
            var now = start.AddDays(7 * round);
            var pending = new List<StatIncrement>();
            var line = new List<string>();
            foreach (var (arm, customers) in arms)
            {
                var roundValue = 0.0;
                for (var i = 0; i < customers.Count; i++)
                {
                    var customer = customers[i];
                    var before = customer.Value;
                    customer.Value += customer.OrganicOrderRate * playbook.Policy.MarginRate *
                        (customer.State.OrderCount > 0 ? customer.State.AverageOrderValue : playbook.Policy.DefaultAov);
                    if (arm != SimulationArm.Holdout)
                    {
                        var request = new OfferRequest
                        {
                            Customer = customer.State,
                            Segments = customer.Segments,
                            Channel = Channel,
                            Now = now,
                            ChurnScore = customer.ChurnScore,
                            PredictedClv = customer.PredictedClv,
                        };
                        decideTime.Start();
                        var decision = arm switch
                        {
                            SimulationArm.Bandit => engine.Decide(request with { Stats = banditStats }, sampling),
                            SimulationArm.Oracle => engine.Explain(request with { Stats = oracleStats }),
                            _ => engine.Explain(request),
                        };
                        decideTime.Stop();
                        decisions++;
                        if (!decision.IsNone)
                        {
                            offered[arm] = offered.GetValueOrDefault(arm) + 1;
                            var u = SharedUniform(seed, i, round);
                            Deliver(customer, decision, truth, u, learning, arm == SimulationArm.Bandit ? pending : null);
                        }
                    }

                    roundValue += customer.Value - before;
                }

                line.Add($"{arm.ToString().ToLowerInvariant()} {roundValue / customers.Count:0.000}");
            }

            banditStats.Apply(pending);
            output.WriteLine($"round {round + 1,2}: value per customer {string.Join(", ", line)}");
        }

        Report(output, arms, offered, rounds, playbook.Currency);
        output.WriteLine($"result offers_decisions_per_second {decisions / decideTime.Elapsed.TotalSeconds:0} decisions/s");
        return 0;
    }

    private static void Deliver(
        SimulatedCustomer customer, OfferDecision decision, HiddenAcceptance truth, double u, OfferLearning learning, List<StatIncrement>? pending)
    {
        var chosen = decision.Alternatives.First(a => a.Verdict == OfferVerdict.Chosen);
        var trueRate = truth.Rate(decision.OfferId, chosen.SegmentKey);
        var contactCost = DefaultOfferCatalog.Catalog.Find(decision.OfferId)!.Cost.ContactCost;
        customer.Value += (trueRate * (chosen.ValueIfAccepted!.Value - chosen.CostIfAccepted!.Value)) - contactCost;

        var shown = Event(customer, EventType.OfferShown, decision, "shown");
        pending?.AddRange(learning.ForEvent(shown, customer.State, customer.Segments, holdout: null));
        CustomerFold.Apply(customer.State, shown);
        if (u < trueRate)
        {
            var redeemed = Event(customer, EventType.OfferRedeemed, decision, "redeemed");
            pending?.AddRange(learning.ForEvent(redeemed, customer.State, customer.Segments, holdout: null));
            CustomerFold.Apply(customer.State, redeemed);
        }
    }

    // The same customer in the same round draws the same number in every arm (common random numbers).
    private static double SharedUniform(int seed, int customer, int round)
    {
        var h = ((ulong)(uint)seed << 40) ^ ((ulong)(uint)customer << 12) ^ (uint)round;
        h += 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static CustomerEvent Event(SimulatedCustomer customer, EventType type, OfferDecision decision, string what) => new()
    {
        EventId = $"{customer.State.CustomerId}-{decision.DecidedAt.ToUnixTimeSeconds()}-{what}",
        Type = type,
        CustomerId = customer.State.CustomerId,
        OccurredAt = decision.DecidedAt,
        OfferId = decision.OfferId,
        Channel = decision.Channel,
    };

    private static void Report(
        TextWriter output, Dictionary<SimulationArm, List<SimulatedCustomer>> arms, Dictionary<SimulationArm, int> offered, int rounds, string currency)
    {
        double PerCustomer(SimulationArm arm) => arms[arm].Average(c => c.Value);
        double ContactRate(SimulationArm arm) => offered.GetValueOrDefault(arm) / (double)(arms[arm].Count * rounds);

        var holdout = PerCustomer(SimulationArm.Holdout);
        var fixedRules = PerCustomer(SimulationArm.Fixed);
        var bandit = PerCustomer(SimulationArm.Bandit);
        var oracle = PerCustomer(SimulationArm.Oracle);
        output.WriteLine($"values are per customer over {rounds} rounds, in expectation under the hidden acceptance rates");
        output.WriteLine($"result offers_bandit_value_per_customer {bandit:0.000} {currency}");
        output.WriteLine($"result offers_fixed_value_per_customer {fixedRules:0.000} {currency}");
        output.WriteLine($"result offers_holdout_value_per_customer {holdout:0.000} {currency}");
        output.WriteLine($"result offers_oracle_value_per_customer {oracle:0.000} {currency}");
        output.WriteLine($"result offers_bandit_uplift_vs_holdout {(bandit - holdout) / holdout:0.0000} ratio");
        output.WriteLine($"result offers_fixed_uplift_vs_holdout {(fixedRules - holdout) / holdout:0.0000} ratio");
        output.WriteLine($"result offers_bandit_incremental_gain_vs_fixed {((bandit - holdout) / (fixedRules - holdout)) - 1:0.0000} ratio");
        output.WriteLine($"result offers_bandit_share_of_oracle_incremental {(bandit - holdout) / (oracle - holdout):0.0000} ratio");
        output.WriteLine($"result offers_fixed_share_of_oracle_incremental {(fixedRules - holdout) / (oracle - holdout):0.0000} ratio");
        output.WriteLine($"result offers_bandit_contact_rate {ContactRate(SimulationArm.Bandit):0.0000} ratio");
        output.WriteLine($"result offers_fixed_contact_rate {ContactRate(SimulationArm.Fixed):0.0000} ratio");
    }
}
