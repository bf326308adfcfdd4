using Realtime.Core.Recommendations;
using Realtime.Core.State;
using static Realtime.Core.Tests.Recommendations.TestEvents;

namespace Realtime.Core.Tests.Recommendations;

public sealed class RankerTests
{
    private readonly RecommendationOptions _options = new();

    private static ItemFacts Facts(string? category, bool inStock = true, double repurchases = 0) =>
        new(true, category, 5, inStock, 1, 10, 10, 10, repurchases);

    /// <summary>Context "ctx" bought with a (strongest), b, c; trending t1, t2; facts for all.</summary>
    private static ItemSignalSnapshot Snapshot()
    {
        var s = new ItemSignalSnapshot
        {
            Trending = [new("t1", 10), new("t2", 5), new("a", 1)],
        };
        s.BoughtTogether["ctx"] = [new("a", 5), new("b", 3), new("c", 2)];
        foreach (var (id, category) in new[] { ("ctx", "x"), ("a", "x"), ("b", "y"), ("c", "z"), ("t1", "t"), ("t2", "t") })
        {
            s.Facts[id] = Facts(category);
        }

        return s;
    }

    private List<Recommendation> Rank(ItemSignalSnapshot snapshot, CustomerState? state = null, int count = 10, string? context = "ctx", string[]? exclusions = null) =>
        RecommendationRanker.Rank(
            new RecommendationRequest { ContextProductId = context, Count = count, Exclusions = exclusions ?? [] },
            state, snapshot, _options, Ms(0));

    [Fact]
    public void The_strongest_bought_together_neighbour_of_the_context_product_comes_first_with_its_reason()
    {
        var results = Rank(Snapshot());

        Assert.Equal(new Recommendation("a", results[0].Score, RecommendationReason.BoughtTogether), results[0]);
        Assert.DoesNotContain(results, r => r.ProductId == "ctx");
        Assert.Equal("bought_together", results[0].Reason.ToWireName());
    }

    [Fact]
    public void Out_of_stock_products_are_never_recommended()
    {
        var snapshot = Snapshot();
        snapshot.Facts["a"] = Facts("x", inStock: false);

        Assert.DoesNotContain(Rank(snapshot), r => r.ProductId == "a");
    }

    [Fact]
    public void Request_exclusions_are_never_returned_and_count_is_respected()
    {
        var results = Rank(Snapshot(), count: 2, exclusions: ["a"]);

        Assert.Equal(["b", "c"], results.Select(r => r.ProductId));
    }

    [Fact]
    public void At_most_max_per_category_products_share_a_category()
    {
        var snapshot = Snapshot();
        snapshot.BoughtTogether["ctx"] = [.. Enumerable.Range(0, 10).Select(i => new ScoredItem($"s{i}", 10 - i))];
        for (var i = 0; i < 10; i++)
        {
            snapshot.Facts[$"s{i}"] = Facts("same");
        }

        var results = Rank(snapshot);

        Assert.Equal(_options.MaxPerCategory, results.Count(r => r.ProductId.StartsWith('s')));
        Assert.Contains(results, r => r.ProductId == "t1");
    }

    [Fact]
    public void A_product_bought_once_and_rarely_rebought_is_filtered_as_already_bought()
    {
        var state = new CustomerState("c1");
        CustomerFold.Apply(state, Order("c1", -60, "a"));

        Assert.DoesNotContain(Rank(Snapshot(), state), r => r.ProductId == "a");
    }

    [Fact]
    public void A_product_the_customer_reorders_on_a_rhythm_comes_back_as_buy_again_when_due()
    {
        var state = new CustomerState("c1");
        foreach (var day in new[] { -30, -20, -10 })
        {
            CustomerFold.Apply(state, Order("c1", day * 24 * 60, "coffee"));
        }

        var snapshot = Snapshot();
        snapshot.Facts["coffee"] = Facts("drinks", repurchases: 5);

        var results = Rank(snapshot, state, context: null);

        Assert.Equal(new Recommendation("coffee", results[0].Score, RecommendationReason.BuyAgain), results[0]);
    }

    [Fact]
    public void A_consumable_bought_once_may_be_bought_again_but_a_durable_one_not()
    {
        var state = new CustomerState("c1");
        CustomerFold.Apply(state, Order("c1", -30 * 24 * 60, "filters", "kettle"));
        var snapshot = Snapshot();
        snapshot.Facts["filters"] = Facts("home", repurchases: 5);
        snapshot.Facts["kettle"] = Facts("home", repurchases: 0);

        var results = Rank(snapshot, state, context: null);

        Assert.Contains(results, r => r.ProductId == "filters" && r.Reason == RecommendationReason.BuyAgain);
        Assert.DoesNotContain(results, r => r.ProductId == "kettle");
    }

    [Fact]
    public void An_unknown_customer_with_an_unknown_context_product_gets_trending_products()
    {
        var results = Rank(Snapshot(), state: null, context: "brand-new");

        Assert.Equal(["t1", "t2", "a"], results.Select(r => r.ProductId));
        Assert.All(results, r => Assert.Equal(RecommendationReason.Trending, r.Reason));
    }

    [Fact]
    public void An_empty_store_gives_an_empty_list_not_an_error()
    {
        var store = new InMemoryItemSignalStore(new ItemSignalOptions { Epoch = Start });
        var request = new RecommendationRequest { ContextProductId = "x" };
        var query = RecommendationPlanner.Plan(request, null, _options, Ms(0));

        Assert.Empty(RecommendationRanker.Rank(request, null, store.Read(query), _options, Ms(0)));
    }

    [Fact]
    public void A_count_outside_one_to_one_hundred_is_rejected()
    {
        Assert.NotNull(new RecommendationRequest { Count = 0 }.Problem());
        Assert.NotNull(new RecommendationRequest { Count = 101 }.Problem());
        Assert.Throws<ArgumentException>(() => Rank(Snapshot(), count: 101));
    }

    [Fact]
    public void The_planner_asks_for_the_context_recent_items_and_favourite_categories()
    {
        var state = new CustomerState("c1");
        CustomerFold.Apply(state, View("c1", -5, "v1"));
        CustomerFold.Apply(state, Order("c1", -60, "o1"));

        var query = RecommendationPlanner.Plan(new RecommendationRequest { ContextProductId = "ctx" }, state, _options, Ms(0));

        Assert.Equal(["ctx", "v1", "o1"], query.Seeds);
        Assert.Equal(["cat-o", "cat-v"], query.Categories);
        Assert.Equal(["o1"], query.FactsFor);
    }
}
