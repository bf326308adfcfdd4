using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class BanditTests
{
    // Two look-alike offers with the same prior, value and cost: only observed acceptance can tell them apart.
    private const string TwinCatalog = """
        {
          "policy": { "holdout_share": 0 },
          "offers": [
            { "id": "offer_a", "kind": "cross_sell", "channels": ["web"], "value": { "basis": "aov" },
              "priors": { "default": { "rate": 0.1, "strength": 10 } } },
            { "id": "offer_b", "kind": "cross_sell", "channels": ["web"], "value": { "basis": "aov" },
              "priors": { "default": { "rate": 0.1, "strength": 10 } } }
          ]
        }
        """;

    [Fact]
    public void Thompson_sampling_shifts_choices_toward_the_offer_customers_accept_more()
    {
        var engine = new OfferDecisionEngine(OfferCatalogParser.Parse(TwinCatalog));
        var stats = new OfferStats();
        var truth = new Dictionary<string, double> { ["offer_a"] = 0.04, ["offer_b"] = 0.12 };
        var random = new Random(7);
        var lateChoicesOfB = 0;

        for (var round = 0; round < 3000; round++)
        {
            var request = Request(WithOrders($"b{round}", 2, 60, 30), "web", segments: Segment.Active) with { Stats = stats };
            var decision = engine.Decide(request, random);
            var accepted = random.NextDouble() < truth[decision.OfferId];
            stats.Apply([new($"shown:{decision.OfferId}:active", 1), new($"redeemed:{decision.OfferId}:active", accepted ? 1 : 0)]);
            if (round >= 2000 && decision.OfferId == "offer_b")
            {
                lateChoicesOfB++;
            }
        }

        Assert.True(lateChoicesOfB > 800, $"offer_b chosen {lateChoicesOfB} of the last 1000 times");
    }

    [Fact]
    public void Without_evidence_Thompson_sampling_explores_both_equal_offers()
    {
        var engine = new OfferDecisionEngine(OfferCatalogParser.Parse(TwinCatalog));
        var random = new Random(3);
        var request = Request(WithOrders("e1", 2, 60, 30), "web", segments: Segment.Active);

        var choicesOfA = Enumerable.Range(0, 1000).Count(_ => engine.Decide(request, random).OfferId == "offer_a");

        Assert.InRange(choicesOfA, 400, 600);
    }

    [Fact]
    public void Observed_acceptance_moves_the_posterior_away_from_the_prior()
    {
        var engine = new OfferDecisionEngine(OfferCatalogParser.Parse(TwinCatalog));
        var stats = OfferStats.FromFields([new("shown:offer_b:active", 990), new("redeemed:offer_b:active", 299)]);

        var decision = engine.Explain(Request(WithOrders("e2", 2, 60, 30), "web", segments: Segment.Active) with { Stats = stats });

        var b = Assert.Single(decision.Alternatives, a => a.OfferId == "offer_b");
        Assert.Equal("offer_b", decision.OfferId);
        Assert.Equal(0.3, b.AcceptProbability!.Value, precision: 3);
    }
}
