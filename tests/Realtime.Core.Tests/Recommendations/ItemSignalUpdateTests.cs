using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.State;
using static Realtime.Core.Tests.Recommendations.TestEvents;

namespace Realtime.Core.Tests.Recommendations;

public sealed class ItemSignalUpdateTests
{
    private readonly ItemSignalOptions _options = new();

    private static List<SignalIncrement> Pairs(ItemSignalBatch batch, SignalKind kind) =>
        [.. batch.Increments.Where(i => i.Kind == kind)];

    private static CustomerState Folded(params CustomerEvent[] events)
    {
        var state = new CustomerState("c1");
        foreach (var e in events)
        {
            CustomerFold.Apply(state, e);
        }

        return state;
    }

    [Fact]
    public void An_order_of_three_pairs_each_item_with_the_other_two_at_weight_one_half()
    {
        var batch = ItemSignalUpdate.Compute(new CustomerState("c1"), Order("c1", 0, "a", "b", "c"), _options);

        var pairs = Pairs(batch, SignalKind.BoughtTogether);
        Assert.Equal(6, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(0.5, p.Weight));
        Assert.Contains(pairs, p => p.Subject == "a" && p.Item == "c");
        Assert.Equal(3, Pairs(batch, SignalKind.Popularity).Count);
        Assert.Equal(3, Pairs(batch, SignalKind.CategoryPopularity).Count);
    }

    [Fact]
    public void One_huge_order_adds_at_most_one_to_any_items_neighbour_mass()
    {
        var items = Enumerable.Range(0, 150).Select(i => $"p{i}").ToArray();
        var batch = ItemSignalUpdate.Compute(new CustomerState("c1"), Order("c1", 0, items), _options);

        var bySubject = Pairs(batch, SignalKind.BoughtTogether).GroupBy(p => p.Subject).ToList();
        Assert.Equal(_options.MaxItemsPerEvent, bySubject.Count);
        Assert.All(bySubject, g =>
        {
            Assert.True(g.Count() <= _options.MaxCoItems);
            Assert.Equal(1.0, g.Sum(p => p.Weight), 9);
        });
    }

    [Fact]
    public void A_pair_the_customer_already_bought_in_an_earlier_basket_counts_less()
    {
        var before = Folded(Order("c1", 0, "a", "b"));

        var batch = ItemSignalUpdate.Compute(before, Order("c1", 60 * 24 * 10, "a", "b"), _options);

        var pair = Assert.Single(Pairs(batch, SignalKind.BoughtTogether), p => p.Subject == "a");
        Assert.Equal(_options.RepeatPairWeight, pair.Weight);
        Assert.Equal(2, Pairs(batch, SignalKind.Repurchases).Count);
    }

    [Fact]
    public void A_follow_up_order_within_the_basket_window_pairs_with_the_earlier_order()
    {
        var before = Folded(Order("c1", 0, "a"));

        var batch = ItemSignalUpdate.Compute(before, Order("c1", 120, "b"), _options);

        var pairs = Pairs(batch, SignalKind.BoughtTogether);
        Assert.Contains(pairs, p => p.Subject == "b" && p.Item == "a" && p.Weight == 1);
        Assert.Contains(pairs, p => p.Subject == "a" && p.Item == "b" && p.Weight == 1);
    }

    [Fact]
    public void Views_inside_the_window_are_viewed_together_and_older_views_are_not()
    {
        var before = Folded(View("c1", 0, "old"), View("c1", 50, "x"), View("c1", 55, "y"));

        var batch = ItemSignalUpdate.Compute(before, View("c1", 60, "z"), _options);

        var pairs = Pairs(batch, SignalKind.ViewedTogether);
        Assert.Equal(4, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.Item == "old" || p.Subject == "old");
        Assert.All(pairs, p => Assert.Equal(0.5, p.Weight));
    }

    [Fact]
    public void Viewing_the_same_product_again_inside_the_window_adds_no_pairs()
    {
        var before = Folded(View("c1", 0, "x"), View("c1", 1, "y"));

        var batch = ItemSignalUpdate.Compute(before, View("c1", 2, "x"), _options);

        Assert.Empty(Pairs(batch, SignalKind.ViewedTogether));
        Assert.Single(Pairs(batch, SignalKind.Popularity));
    }

    [Fact]
    public void A_return_lowers_popularity_and_an_upsert_becomes_a_catalog_fact()
    {
        var returned = new CustomerEvent
        {
            EventId = "r1",
            Type = EventType.OrderReturned,
            CustomerId = "c1",
            OccurredAt = At(0),
            Lines = [new OrderLine("a", "cat-a", 1, 10)],
        };

        var batch = ItemSignalUpdate.Compute(new CustomerState("c1"), returned, _options);
        var fact = Assert.Single(ItemSignalUpdate.Compute(new CustomerState(""), Upsert("a", "mugs", inStock: false), _options).Catalog);

        Assert.All(Pairs(batch, SignalKind.Popularity), p => Assert.Equal(-_options.ReturnWeight, p.Weight));
        Assert.Equal(new CatalogFact("a", "mugs", 5, false, Ms(0)), fact);
    }
}
