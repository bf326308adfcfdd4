namespace Realtime.Core.Recommendations;

/// <summary>
/// Reusable per-thread buffers for <see cref="RecommendationRanker"/>, so a request allocates little more than its
/// result list.
/// </summary>
internal sealed class RankScratch
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public Candidate[] Items { get; private set; } = new Candidate[256];

    public int Count { get; private set; }

    /// <summary>Sort keys (negated scores) and candidate slots: sorting primitives beats sorting the wide structs.</summary>
    public double[] Keys { get; private set; } = new double[256];

    public int[] Order { get; private set; } = new int[256];

    public List<(string Id, double Weight)> Seeds { get; } = [];

    public List<(string Category, double Weight)> Categories { get; } = [];

    public HashSet<string> Excluded { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> PerCategory { get; } = new(StringComparer.Ordinal);

    public void Reset()
    {
        _index.Clear();
        Array.Clear(Items, 0, Count);
        Count = 0;
        Seeds.Clear();
        Categories.Clear();
        Excluded.Clear();
        PerCategory.Clear();
    }

    public bool TryGet(string id, out int slot) => _index.TryGetValue(id, out slot);

    /// <summary>The slot of <paramref name="id"/>, created with its catalog facts on first sight.</summary>
    public ref Candidate Get(string id, ItemSignalSnapshot signals)
    {
        if (_index.TryGetValue(id, out var slot))
        {
            return ref Items[slot];
        }

        if (Count == Items.Length)
        {
            var grown = new Candidate[Items.Length * 2];
            Array.Copy(Items, grown, Count);
            Items = grown;
            Keys = new double[grown.Length];
            Order = new int[grown.Length];
        }

        slot = Count++;
        _index[id] = slot;
        var facts = signals.FactsOf(id);
        Items[slot] = new Candidate
        {
            Id = id,
            Category = facts.Category,
            InStock = facts.InStock,
            BoughtMass = facts.BoughtMass,
            ViewedMass = facts.ViewedMass,
            BoughtNorm = double.NaN,
            ViewedNorm = double.NaN,
        };
        return ref Items[slot];
    }

    /// <summary>Fills <c>Order</c> with slots best first; equal scores by product id, so replicas agree.</summary>
    public void SortByScore()
    {
        var keys = Keys;
        var order = Order;
        var items = Items;
        for (var i = 0; i < Count; i++)
        {
            keys[i] = -items[i].Score;
            order[i] = i;
        }

        Array.Sort(keys, order, 0, Count);
        for (var i = 1; i < Count; i++)
        {
            // Ties are rare: an insertion step per tied neighbour orders each run by id.
            for (var j = i; j > 0 && keys[j] == keys[j - 1] && string.CompareOrdinal(items[order[j]].Id, items[order[j - 1]].Id) < 0; j--)
            {
                (order[j], order[j - 1]) = (order[j - 1], order[j]);
            }
        }
    }
}
