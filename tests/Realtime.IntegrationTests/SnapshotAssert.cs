using Realtime.Core.Recommendations;

namespace Realtime.IntegrationTests;

/// <summary>Compares two item-statistics snapshots: same lists, same members, scores and facts equal to 1e-9 (relative).</summary>
internal static class SnapshotAssert
{
    public static void Equal(ItemSignalSnapshot expected, ItemSignalSnapshot actual)
    {
        Lists(expected.BoughtTogether, actual.BoughtTogether);
        Lists(expected.ViewedTogether, actual.ViewedTogether);
        Lists(expected.TrendingByCategory, actual.TrendingByCategory);
        List(expected.Trending, actual.Trending);
        // Every product either names, as the ranker would ask for it: a store may hold facts up front or resolve them
        // on first use (the Redis adapter does for lists whose facts an earlier call found fresh).
        var named = Named(expected).Union(Named(actual)).Order(StringComparer.Ordinal).ToList();
        foreach (var id in named)
        {
            var (e, a) = (Resolved(expected, id), Resolved(actual, id));
            Assert.True(e.HasValue == a.HasValue, $"{id}: facts {(e.HasValue ? "expected" : "not expected")}, {(a.HasValue ? "got some" : "got none")}");
            if (e is not { } ef || a is not { } af)
            {
                continue;
            }

            Assert.Equal((ef.Known, ef.Category, ef.Price, ef.InStock), (af.Known, af.Category, af.Price, af.InStock));
            Close(ef.Popularity, af.Popularity, id);
            Close(ef.BoughtMass, af.BoughtMass, id);
            Close(ef.ViewedMass, af.ViewedMass, id);
            Close(ef.Purchases, af.Purchases, id);
            Close(ef.Repurchases, af.Repurchases, id);
        }
    }

    private static IEnumerable<string> Named(ItemSignalSnapshot s) =>
        s.Facts.Keys
            .Concat(s.BoughtTogether.Keys).Concat(s.ViewedTogether.Keys)
            .Concat(s.BoughtTogether.Values.Concat(s.ViewedTogether.Values).Concat(s.TrendingByCategory.Values).SelectMany(l => l).Select(i => i.ProductId))
            .Concat(s.Trending.Select(i => i.ProductId));

    private static ItemFacts? Resolved(ItemSignalSnapshot s, string id)
    {
        s.FactsOf(id);
        return s.Facts.TryGetValue(id, out var facts) ? facts : null;
    }

    private static void Lists(Dictionary<string, IReadOnlyList<ScoredItem>> expected, Dictionary<string, IReadOnlyList<ScoredItem>> actual)
    {
        Assert.Equal(expected.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).Order(), actual.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).Order());
        foreach (var (owner, list) in actual)
        {
            List(expected.GetValueOrDefault(owner) ?? [], list);
        }
    }

    // Compared as maps: two stores sum the same increments in different orders, so exact ties may break differently.
    private static void List(IReadOnlyList<ScoredItem> expected, IReadOnlyList<ScoredItem> actual)
    {
        Assert.Equal(expected.Select(i => i.ProductId).Order(), actual.Select(i => i.ProductId).Order());
        var byId = actual.ToDictionary(i => i.ProductId, i => i.Score);
        foreach (var item in expected)
        {
            Close(item.Score, byId[item.ProductId], item.ProductId);
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
