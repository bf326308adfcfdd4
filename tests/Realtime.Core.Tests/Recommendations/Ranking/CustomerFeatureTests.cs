using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Core.Tests.Recommendations.Ranking;

public sealed class CustomerFeatureTests
{
    private static readonly DateTimeOffset s_start = new(2011, 1, 3, 9, 0, 0, TimeSpan.Zero);

    private static CustomerEvent Order(DateTimeOffset at, params string[] products) => new()
    {
        EventId = $"o-{at.ToUnixTimeMilliseconds()}",
        CustomerId = "c1",
        Type = EventType.OrderPlaced,
        OccurredAt = at,
        Amount = products.Length,
        Lines = [.. products.Select(p => new OrderLine(p, null, 1, 1))],
    };

    private static float[] FeaturesOfFirst(PurchaseProfile profile, DateTimeOffset now)
    {
        var candidates = new RankerCandidates();
        RankerCandidateBuilder.Build(new RecommendationRequest { Count = 10 }, null, profile, new ItemSignalSnapshot(), new RecommendationOptions(), now.ToUnixTimeMilliseconds(), candidates);
        return candidates.Features(0).ToArray();
    }

    [Fact]
    public void Novelty_rate_is_the_share_of_new_products_in_the_orders_after_the_first()
    {
        // First basket a, b (left out); then a, c (c new) and a, b, d, e (d, e new): 3 new of 6 product-orders.
        var profile = new PurchaseProfile();
        profile.Observe(Order(s_start, "a", "b"));
        profile.Observe(Order(s_start.AddDays(10), "a", "c"));
        profile.Observe(Order(s_start.AddDays(20), "a", "b", "d", "e"));

        var f = FeaturesOfFirst(profile, s_start.AddDays(30));

        Assert.Equal(3f / 6, f[RankerFeatures.NoveltyRate], 5);
        Assert.Equal(8f / 3, f[RankerFeatures.MeanBasketSize], 5);
    }

    [Fact]
    public void Novelty_rate_is_undefined_before_a_second_order_and_zero_for_a_pure_re_buyer()
    {
        var once = new PurchaseProfile();
        once.Observe(Order(s_start, "a", "b"));
        Assert.Equal(RankerFeatures.Undefined, FeaturesOfFirst(once, s_start.AddDays(1))[RankerFeatures.NoveltyRate]);

        var loyal = new PurchaseProfile();
        loyal.Observe(Order(s_start, "a", "b"));
        loyal.Observe(Order(s_start.AddDays(7), "a", "b"));
        loyal.Observe(Order(s_start.AddDays(14), "b"));
        Assert.Equal(0, FeaturesOfFirst(loyal, s_start.AddDays(15))[RankerFeatures.NoveltyRate]);
    }

    [Fact]
    public void Customer_features_at_the_question_do_not_see_the_basket_asked_about()
    {
        // The question is asked before the third order (all new products) is observed: only the first two count.
        var profile = new PurchaseProfile();
        profile.Observe(Order(s_start, "a"));
        profile.Observe(Order(s_start.AddDays(5), "a", "b"));
        var question = s_start.AddDays(9);
        var asked = FeaturesOfFirst(profile, question);

        profile.Observe(Order(question, "x", "y", "z"));
        var after = FeaturesOfFirst(profile, question);

        Assert.Equal(1f / 2, asked[RankerFeatures.NoveltyRate], 5);
        Assert.Equal(3f / 2, asked[RankerFeatures.MeanBasketSize], 5);
        Assert.NotEqual(asked[RankerFeatures.NoveltyRate], after[RankerFeatures.NoveltyRate]);
    }

    [Fact]
    public void Every_candidate_carries_the_same_customer_features_and_is_flagged_repeat_or_explore()
    {
        var profile = new PurchaseProfile();
        profile.Observe(Order(s_start, "a"));
        profile.Observe(Order(s_start.AddDays(5), "a", "b"));
        var candidates = new RankerCandidates();
        RankerCandidateBuilder.Build(new RecommendationRequest { Count = 10 }, null, profile, new ItemSignalSnapshot(), new RecommendationOptions(), s_start.AddDays(6).ToUnixTimeMilliseconds(), candidates);

        Assert.Equal(2, candidates.Count);
        Assert.Equal(0, candidates.ExploreCount);
        Assert.False(candidates.IsExplore(0));
        Assert.Equal(candidates.Features(0)[RankerFeatures.NoveltyRate], candidates.Features(1)[RankerFeatures.NoveltyRate]);
    }
}
