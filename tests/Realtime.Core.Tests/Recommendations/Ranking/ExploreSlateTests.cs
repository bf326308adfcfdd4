using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Core.Tests.Recommendations.Ranking;

public sealed class ExploreSlateTests
{
    /// <summary>Scores a candidate by its blend-score feature: the tests set the order they want there.</summary>
    private sealed class BlendScoreModel : IRankerModel
    {
        public string Version => "blend-score";

        public double Score(ReadOnlySpan<float> features) => features[RankerFeatures.BlendScore];
    }

    private static readonly BlendScoreModel s_model = new();

    /// <summary>Repeats r0..r{repeats-1} scored 100 down, explore e0..e{explore-1} scored 50 down: the model puts every repeat first.</summary>
    private static RankerCandidates Candidates(int repeats, int explore)
    {
        var candidates = new RankerCandidates();
        for (var i = 0; i < repeats; i++)
        {
            Add(candidates, $"r{i}", 100 - i, explore: false);
        }

        for (var i = 0; i < explore; i++)
        {
            Add(candidates, $"e{i}", 50 - i, explore: true);
        }

        return candidates;
    }

    private static void Add(RankerCandidates candidates, string id, float score, bool explore)
    {
        var features = candidates.Add(id, RecommendationReason.Trending, explore);
        features.Clear();
        features[RankerFeatures.BlendScore] = score;
    }

    private static List<string> Rank(RankerCandidates candidates, int count, int explorePositions)
    {
        var results = new List<Recommendation>();
        LearnedRanking.Rank(new RecommendationRequest { Count = count }, candidates, s_model, results, explorePositions);
        return results.ConvertAll(r => r.ProductId);
    }

    [Fact]
    public void Reserved_positions_are_the_last_of_the_top_10_filled_by_the_best_explore_candidates()
    {
        var ranked = Rank(Candidates(repeats: 20, explore: 5), count: 15, explorePositions: 3);

        Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5", "r6", "e0", "e1", "e2", "r7", "r8", "r9", "r10", "r11"], ranked);
    }

    [Fact]
    public void Without_reserved_positions_the_model_order_is_kept()
    {
        var ranked = Rank(Candidates(repeats: 12, explore: 5), count: 10, explorePositions: 0);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"r{i}"), ranked);
    }

    [Fact]
    public void Explore_candidates_the_model_already_ranks_high_count_towards_the_reservation()
    {
        var candidates = new RankerCandidates();
        Add(candidates, "r0", 100, explore: false);
        Add(candidates, "e-top", 99, explore: true);
        for (var i = 1; i < 12; i++)
        {
            Add(candidates, $"r{i}", 90 - i, explore: false);
        }

        Add(candidates, "e-low", 10, explore: true);

        var ranked = Rank(candidates, count: 10, explorePositions: 2);

        Assert.Equal(["r0", "e-top", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "e-low"], ranked);
    }

    [Fact]
    public void Too_few_explore_candidates_leave_the_other_reserved_positions_to_the_model_order()
    {
        var ranked = Rank(Candidates(repeats: 12, explore: 1), count: 10, explorePositions: 4);

        Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "e0"], ranked);
    }

    [Fact]
    public void A_slate_never_repeats_a_product_and_ends_when_the_candidates_do()
    {
        var ranked = Rank(Candidates(repeats: 4, explore: 3), count: 10, explorePositions: 5);

        Assert.Equal(7, ranked.Count);
        Assert.Equal(ranked.Count, ranked.Distinct().Count());
        Assert.Equal(["r0", "r1", "r2", "r3", "e0", "e1", "e2"], ranked);
    }

    [Fact]
    public void A_short_request_reserves_within_its_own_length()
    {
        var ranked = Rank(Candidates(repeats: 10, explore: 5), count: 3, explorePositions: 5);

        Assert.Equal(["e0", "e1", "e2"], ranked);
    }
}
