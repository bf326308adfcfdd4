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
        Assert.Equal(expected.Facts.Keys.Order(), actual.Facts.Keys.Order());
        foreach (var (id, e) in expected.Facts)
        {
            var a = actual.Facts[id];
            Assert.Equal((e.Known, e.Category, e.Price, e.InStock), (a.Known, a.Category, a.Price, a.InStock));
            Close(e.Popularity, a.Popularity, id);
            Close(e.BoughtMass, a.BoughtMass, id);
            Close(e.ViewedMass, a.ViewedMass, id);
            Close(e.Purchases, a.Purchases, id);
            Close(e.Repurchases, a.Repurchases, id);
        }
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
