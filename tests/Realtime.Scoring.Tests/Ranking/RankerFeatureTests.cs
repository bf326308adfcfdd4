using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Scoring.Ranking;

namespace Realtime.Scoring.Tests.Ranking;

public sealed class RankerFeatureTests
{
    private static readonly ItemSignalOptions s_signals = new() { Epoch = RepurchasePopulation.Start };

    [Fact]
    public void Examples_of_a_query_are_the_same_whether_or_not_the_log_goes_on_after_it()
    {
        var log = RepurchasePopulation.Generate(customers: 30, ordersPerCustomer: 6, seed: 5);
        var query = log.Count / 2;
        var targets = new Dictionary<int, string[]> { [query] = [.. log[query].Lines.Select(l => l.ProductId)] };

        // The future holds more orders of everyone, including the queried customer's, of the very products asked about.
        var future = log.Skip(query + 1).ToList();
        future.Add(RepurchasePopulation.Order(log[query].CustomerId, log[^1].OccurredAt.AddDays(1), ["pool-1", "pool-2", "staple-0"]));
        var truncated = log.Take(query + 1).ToList();
        var full = truncated.Concat(future).ToList();

        var (cut, _) = RankerExampleBuilder.Build(truncated, targets, new Dictionary<int, string[]>(), new RecommendationOptions(), s_signals, excludeSeen: false);
        var (whole, _) = RankerExampleBuilder.Build(full, targets, new Dictionary<int, string[]>(), new RecommendationOptions(), s_signals, excludeSeen: false);

        Assert.Equal(1, cut.Queries);
        Assert.Equal(cut.Rows, whole.Rows);
        for (var r = 0; r < cut.Rows; r++)
        {
            Assert.Equal(cut.Row(r), whole.Row(r));
            Assert.Equal(cut.Label(r), whole.Label(r));
        }
    }

    [Fact]
    public void The_query_event_itself_is_not_in_its_own_features()
    {
        // A second order of a product bought once before: asked just before it, the product has 1 order, not 2.
        var at = RepurchasePopulation.Start;
        List<CustomerEvent> log = [RepurchasePopulation.Order("c1", at, ["a", "b"]), RepurchasePopulation.Order("c1", at.AddDays(3), ["a"])];
        var (examples, _) = RankerExampleBuilder.Build(log, new Dictionary<int, string[]> { [1] = ["a"] }, new Dictionary<int, string[]>(), new RecommendationOptions(), s_signals, excludeSeen: false);

        var row = Enumerable.Range(0, examples.Rows).Single(r => examples.Label(r) == 1);
        var features = examples.Row(row);
        Assert.Equal(1, features[RankerFeatures.Orders]);
        Assert.Equal(1, features[RankerFeatures.CustomerBaskets]);
        Assert.Equal(3, features[RankerFeatures.DaysSinceBought], 3);
        Assert.Equal(RankerFeatures.Undefined, features[RankerFeatures.OwnGapDays]);
    }

    [Fact]
    public void A_taken_explore_candidate_gets_the_explore_label_and_a_taken_repeat_label_1()
    {
        // c2's orders make "x" trending; c1 then buys "a" again and "x" for the first time.
        var at = RepurchasePopulation.Start;
        List<CustomerEvent> log =
        [
            RepurchasePopulation.Order("c2", at, ["x"]), RepurchasePopulation.Order("c1", at.AddHours(1), ["a"]),
            RepurchasePopulation.Order("c2", at.AddDays(1), ["x"]), RepurchasePopulation.Order("c1", at.AddDays(3), ["a", "x"]),
        ];
        var query = new Dictionary<int, string[]> { [3] = ["a", "x"] };

        var (weighted, _) = RankerExampleBuilder.Build(log, query, new Dictionary<int, string[]>(), new RecommendationOptions(), s_signals, excludeSeen: false, exploreLabel: 2);
        var (binary, _) = RankerExampleBuilder.Build(log, query, new Dictionary<int, string[]>(), new RecommendationOptions(), s_signals, excludeSeen: false, exploreLabel: 1);

        var labels = Enumerable.Range(0, weighted.Rows).Select(r => (Repeat: weighted.Row(r)[RankerFeatures.Orders] > 0, weighted.Label(r))).ToList();
        Assert.Contains((true, 1f), labels);
        Assert.Contains((false, 2f), labels);
        Assert.All(Enumerable.Range(0, binary.Rows), r => Assert.True(binary.Label(r) is 0 or 1));
    }

    [Fact]
    public void Every_product_the_customer_bought_is_a_candidate_even_one_the_blend_filters_out()
    {
        var at = RepurchasePopulation.Start;
        var profile = new PurchaseProfile();
        profile.Observe(RepurchasePopulation.Order("c1", at, ["once", "twice"]));
        profile.Observe(RepurchasePopulation.Order("c1", at.AddDays(7), ["twice"]));
        var request = new RecommendationRequest { Count = 10 };
        var candidates = new RankerCandidates();

        // Nothing in the item store: the blend has no repeat rate for "once" and drops it (bought once, not re-buyable).
        RankerCandidateBuilder.Build(request, null, profile, new ItemSignalSnapshot(), new RecommendationOptions(), at.AddDays(8).ToUnixTimeMilliseconds(), candidates);

        Assert.Equal(["twice", "once"], candidates.Ids);
        Assert.Equal(2, candidates.Features(0)[RankerFeatures.Orders]);
        Assert.Equal(1, candidates.Features(0)[RankerFeatures.FrequencyRank]);
        Assert.Equal(7, candidates.Features(0)[RankerFeatures.OwnGapDays], 3);
    }

    [Fact]
    public void Decayed_frequency_weighs_each_order_by_09_per_later_basket()
    {
        var at = RepurchasePopulation.Start;
        var profile = new PurchaseProfile();
        profile.Observe(RepurchasePopulation.Order("c1", at, ["a"]));
        profile.Observe(RepurchasePopulation.Order("c1", at.AddDays(1), ["b"]));
        profile.Observe(RepurchasePopulation.Order("c1", at.AddDays(2), ["a"]));

        Assert.Equal(1 + (0.9 * 0.9), profile.DecayedFrequency(profile.Items["a"]), 9);
        Assert.Equal(0.9, profile.DecayedFrequency(profile.Items["b"]), 9);
    }
}
