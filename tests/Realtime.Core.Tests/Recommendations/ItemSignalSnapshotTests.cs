using Realtime.Core.Recommendations;

namespace Realtime.Core.Tests.Recommendations;

/// <summary>A snapshot over a lent facts map: handed back once on dispose, and nothing of it read afterwards.</summary>
public sealed class ItemSignalSnapshotTests
{
    private static readonly ItemFacts s_shoe = new(true, "shoes", 10, true, 1, 2, 3, 4, 1);

    [Fact]
    public void Disposing_hands_the_lent_map_back_once_and_leaves_nothing_known()
    {
        var lent = new Dictionary<string, ItemFacts>(StringComparer.Ordinal);
        var returned = new List<Dictionary<string, ItemFacts>>();
        var snapshot = new ItemSignalSnapshot(lent, returned.Add) { FactsSource = new OneFact("p2", s_shoe) };
        snapshot.Facts["p1"] = s_shoe;
        Assert.Equal(s_shoe, snapshot.FactsOf("p2")); // resolved from the source and held in the lent map

        snapshot.Dispose();
        snapshot.Dispose();

        Assert.Same(lent, Assert.Single(returned));
        Assert.NotSame(lent, snapshot.Facts);
        Assert.Equal(ItemFacts.Unknown, snapshot.FactsOf("p1"));
        Assert.Equal(ItemFacts.Unknown, snapshot.FactsOf("p2"));
    }

    [Fact]
    public void A_snapshot_of_its_own_map_ignores_dispose()
    {
        var snapshot = new ItemSignalSnapshot();
        snapshot.Facts["p1"] = s_shoe;

        snapshot.Dispose();

        Assert.Equal(s_shoe, snapshot.FactsOf("p1"));
    }

    [Fact]
    public void Only_an_empty_ordinal_map_can_be_lent()
    {
        var used = new Dictionary<string, ItemFacts>(StringComparer.Ordinal) { ["p1"] = s_shoe };
        var ignoringCase = new Dictionary<string, ItemFacts>(StringComparer.OrdinalIgnoreCase);

        Assert.Throws<ArgumentException>(() => new ItemSignalSnapshot(used, _ => { }));
        Assert.Throws<ArgumentException>(() => new ItemSignalSnapshot(ignoringCase, _ => { }));
    }

    private sealed class OneFact(string id, ItemFacts facts) : IItemFactsSource
    {
        public bool TryGet(string productId, out ItemFacts found)
        {
            found = productId == id ? facts : default;
            return productId == id;
        }
    }
}
