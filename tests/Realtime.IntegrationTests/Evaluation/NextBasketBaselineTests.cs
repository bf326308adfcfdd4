using Realtime.Evaluation.Recs.Baselines;
using static Realtime.IntegrationTests.Evaluation.Orders;

namespace Realtime.IntegrationTests.Evaluation;

/// <summary>P-TopFreq and TIFU-KNN on small logs whose rankings were worked out by hand.</summary>
public sealed class NextBasketBaselineTests
{
    private static readonly HashSet<string> s_nothing = [];
    private static readonly int[] s_neighbourCounts = [1, 2, 10];

    [Fact]
    public void Ptopfreq_ranks_by_baskets_then_by_recency_then_fills_with_decayed_popularity()
    {
        var model = new PersonalTopFrequency();
        var popularity = new DecayedPopularity();
        // x and y are in two of A's baskets each, x more recently; z in one. B's w is the most popular product.
        foreach (var e in new[]
        {
            Order("A", 0, "x", "y"), Order("A", 1, "y", "z"), Order("A", 2, "x"),
            Order("B", 3, "w"), Order("B", 4, "w", "v"),
        })
        {
            model.Observe(e);
            popularity.Observe(e);
        }

        var fill = popularity.Top(10, s_nothing);

        // Each order weighs 2^(day/7): w 2^(3/7) + 2^(4/7) = 2.83, x 1 + 2^(2/7) = 2.22, y 1 + 2^(1/7) = 2.10, v 1.49, z 1.10.
        Assert.Equal(["w", "x", "y", "v", "z"], fill);
        Assert.Equal(["x", "y", "z", "w", "v"], model.Recommend("A", s_nothing, fill, 10));
        Assert.Equal(["y", "w"], model.Recommend("A", new HashSet<string> { "x", "z" }, fill, 2));
        Assert.Equal(["w", "x", "y"], model.Recommend("unknown", s_nothing, fill, 3));
    }

    [Fact]
    public void Tifuknn_weighs_baskets_within_groups_and_groups_by_their_decay()
    {
        // Three baskets in m = 2 groups: the older group holds two (the remainder goes to the oldest), the newer one.
        var parameters = new TifuKnnParameters(Groups: 2, WithinDecay: 0.5, GroupDecay: 0.5);

        var vector = TifuKnn.CustomerVector([["a"], ["b"], ["a", "c"]], parameters);

        // Older group: weight 0.5¹/2 = 0.25; its baskets 0.25·0.5/2 = 0.0625 (a) and 0.25·1/2 = 0.125 (b).
        // Newer group: weight 0.5⁰/2 = 0.5, one basket: a and c 0.5 each.
        Assert.Equal(3, vector.Count);
        Assert.Equal(0.5625, vector["a"], 12);
        Assert.Equal(0.125, vector["b"], 12);
        Assert.Equal(0.5, vector["c"], 12);
    }

    [Fact]
    public void Tifuknn_borrows_only_from_the_k_nearest_customers_by_cosine()
    {
        var model = new TifuKnn(new TifuKnnParameters(Neighbours: 1, Groups: 1, WithinDecay: 1, GroupDecay: 1, Alpha: 0.5));
        var popularity = new DecayedPopularity();
        // T = {a}; N1 = {a, z} (cosine 1/√2) is nearer than N3 = {a, d, e} (1/√3); N2 shares nothing.
        foreach (var e in new[] { Order("T", 0, "a"), Order("N1", 1, "a", "z"), Order("N2", 2, "c"), Order("N3", 3, "a", "d", "e") })
        {
            model.Observe(e);
            popularity.Observe(e);
        }

        var fill = popularity.Top(10, s_nothing);
        var ranked = model.Recommend("T", s_nothing, fill, 10);

        // a = 0.5·1 + 0.5·1, z = 0.5·1 from N1 alone; d, e and c only through the fill (latest orders first).
        // With N3 as a neighbour too, z, d and e would tie at 0.25 and d would come before z.
        Assert.Equal(["a", "z", "d", "e", "c"], ranked);
    }

    [Theory]
    [InlineData(0.3, new[] { "x", "b", "a" })]
    [InlineData(0.7, new[] { "x", "a", "b" })]
    public void Tifuknn_alpha_decides_between_the_customers_own_products_and_the_neighbours(double alpha, string[] expected)
    {
        var model = new TifuKnn(new TifuKnnParameters(Neighbours: 1, Groups: 1, WithinDecay: 1, GroupDecay: 1, Alpha: alpha));
        model.Observe(Order("T", 0, "a", "x"));
        model.Observe(Order("N", 1, "x", "b"));

        // x = α + (1 − α) = 1; a = α (own); b = 1 − α (neighbour's).
        Assert.Equal(expected, model.Recommend("T", s_nothing, [], 10));
    }

    [Fact]
    public void Tifuknn_one_neighbour_search_gives_each_k_the_mean_a_search_of_its_own_gives()
    {
        var model = new TifuKnn(new TifuKnnParameters(Groups: 2));
        foreach (var e in new[]
        {
            Order("T", 0, "a", "b"), Order("T", 1, "a"), Order("N1", 2, "a", "c"), Order("N2", 3, "b", "d"),
            Order("N3", 4, "a", "b", "e"), Order("N1", 5, "c"), Order("N4", 6, "f"),
        })
        {
            model.Observe(e);
        }

        var together = model.NeighbourMeans("T", s_neighbourCounts)!;

        for (var i = 0; i < s_neighbourCounts.Length; i++)
        {
            var alone = model.NeighbourMeans("T", [s_neighbourCounts[i]])![0];
            Assert.Equal(alone.OrderBy(p => p.Key), together[i].OrderBy(p => p.Key));
        }

        Assert.Equal(["a", "b", "e"], together[0].Keys.Order()); // N3 shares both of T's products: the nearest
        Assert.DoesNotContain("f", together[2].Keys);            // N4 shares nothing: never a neighbour
        Assert.Null(model.NeighbourMeans("nobody", [1]));
    }
}
