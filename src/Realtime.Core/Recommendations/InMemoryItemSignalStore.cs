namespace Realtime.Core.Recommendations;

/// <summary>
/// The item statistics in process memory: for the offline harness and tests, and the reference behaviour for the
/// Redis adapter (same epoch-scaled scores, same trimming of neighbour lists). Not thread-safe.
/// </summary>
public sealed class InMemoryItemSignalStore : IItemSignalReader
{
    private readonly ItemSignalOptions _options;
    private readonly long _epochMs;
    private readonly int _maxNeighbours;
    private readonly Dictionary<string, ItemEntry> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _popularity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _byCategory = new(StringComparer.Ordinal);

    /// <param name="options">Must match the options the increments were computed with.</param>
    /// <param name="maxNeighbours">
    /// Neighbours kept per list: a list is trimmed back to this size when it doubles (default
    /// <see cref="ItemSignalOptions.MaxNeighbours"/>, the Redis adapter's cap).
    /// </param>
    public InMemoryItemSignalStore(ItemSignalOptions options, int? maxNeighbours = null)
    {
        _options = options;
        _epochMs = options.Epoch.ToUnixTimeMilliseconds();
        _maxNeighbours = maxNeighbours ?? options.MaxNeighbours;
    }

    /// <summary>Products with any statistic or catalog fact.</summary>
    public int ItemCount => _items.Count;

    /// <summary>Applies a batch (increments commute; catalog facts: newest wins).</summary>
    public void Apply(ItemSignalBatch batch)
    {
        foreach (var inc in batch.Increments)
        {
            var stored = DecayScale.ToStored(inc, _options);
            switch (inc.Kind)
            {
                case SignalKind.BoughtTogether:
                    var bought = Entry(inc.Subject);
                    bought.BoughtMass += stored;
                    AddNeighbour(bought.Bought, inc.Item, stored);
                    break;
                case SignalKind.ViewedTogether:
                    var viewed = Entry(inc.Subject);
                    viewed.ViewedMass += stored;
                    AddNeighbour(viewed.Viewed, inc.Item, stored);
                    break;
                case SignalKind.Popularity:
                    Entry(inc.Item);
                    Add(_popularity, inc.Item, stored);
                    break;
                case SignalKind.CategoryPopularity:
                    if (!_byCategory.TryGetValue(inc.Subject, out var table))
                    {
                        _byCategory[inc.Subject] = table = new Dictionary<string, double>(StringComparer.Ordinal);
                    }

                    Add(table, inc.Item, stored);
                    break;
                case SignalKind.Purchases:
                    Entry(inc.Item).Purchases += stored;
                    break;
                case SignalKind.Repurchases:
                    Entry(inc.Item).Repurchases += stored;
                    break;
            }
        }

        foreach (var fact in batch.Catalog)
        {
            var entry = Entry(fact.ProductId);
            if (entry.Fact is not { } old || old.AtMs <= fact.AtMs)
            {
                entry.Fact = fact;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<ItemSignalSnapshot> ReadAsync(ItemSignalQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(query));

    /// <summary>The synchronous read behind <see cref="ReadAsync"/>.</summary>
    public ItemSignalSnapshot Read(ItemSignalQuery query)
    {
        var association = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.AssociationHalfLifeDays);
        var trending = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.TrendingHalfLifeDays);
        var snapshot = new ItemSignalSnapshot { Trending = TopN.Select(_popularity, query.TrendingCount, trending) };
        foreach (var seed in query.Seeds)
        {
            if (_items.TryGetValue(seed, out var entry))
            {
                snapshot.BoughtTogether[seed] = TopN.Select(entry.Bought, query.NeighbourCount, association);
                snapshot.ViewedTogether[seed] = TopN.Select(entry.Viewed, query.NeighbourCount, association);
            }
        }

        foreach (var category in query.Categories)
        {
            if (_byCategory.TryGetValue(category, out var table))
            {
                snapshot.TrendingByCategory[category] = TopN.Select(table, query.CategoryTrendingCount, trending);
            }
        }

        AddFacts(snapshot, query.Seeds, association, trending);
        AddFacts(snapshot, query.FactsFor, association, trending);
        AddFacts(snapshot, snapshot.Trending, association, trending);
        foreach (var list in snapshot.BoughtTogether.Values)
        {
            AddFacts(snapshot, list, association, trending);
        }

        foreach (var list in snapshot.ViewedTogether.Values)
        {
            AddFacts(snapshot, list, association, trending);
        }

        foreach (var list in snapshot.TrendingByCategory.Values)
        {
            AddFacts(snapshot, list, association, trending);
        }

        return snapshot;
    }

    private void AddFacts(ItemSignalSnapshot snapshot, IEnumerable<ScoredItem> items, double association, double trending)
    {
        foreach (var item in items)
        {
            AddFact(snapshot, item.ProductId, association, trending);
        }
    }

    private void AddFacts(ItemSignalSnapshot snapshot, List<string> ids, double association, double trending)
    {
        foreach (var id in ids)
        {
            AddFact(snapshot, id, association, trending);
        }
    }

    private void AddFact(ItemSignalSnapshot snapshot, string id, double association, double trending)
    {
        if (snapshot.Facts.ContainsKey(id) || !_items.TryGetValue(id, out var e))
        {
            return;
        }

        snapshot.Facts[id] = new ItemFacts(
            e.Fact is not null,
            e.Fact?.Category,
            e.Fact?.Price ?? 0,
            e.Fact?.InStock ?? true,
            Math.Max(0, _popularity.GetValueOrDefault(id) * trending),
            e.BoughtMass * association,
            e.ViewedMass * association,
            e.Purchases * association,
            e.Repurchases * association);
    }

    private ItemEntry Entry(string id)
    {
        if (!_items.TryGetValue(id, out var entry))
        {
            _items[id] = entry = new ItemEntry();
        }

        return entry;
    }

    private void AddNeighbour(Dictionary<string, double> list, string item, double stored)
    {
        Add(list, item, stored);
        if (list.Count > 2 * _maxNeighbours)
        {
            // Same rule as ZREMRANGEBYRANK on the sorted set: stored scores are in decayed order, so drop the weakest.
            var keep = TopN.Select(list, _maxNeighbours, 1);
            list.Clear();
            foreach (var k in keep)
            {
                list[k.ProductId] = k.Score;
            }
        }
    }

    private static void Add(Dictionary<string, double> table, string key, double value) =>
        table[key] = table.GetValueOrDefault(key) + value;

    private sealed class ItemEntry
    {
        public CatalogFact? Fact { get; set; }

        public Dictionary<string, double> Bought { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> Viewed { get; } = new(StringComparer.Ordinal);

        public double BoughtMass { get; set; }

        public double ViewedMass { get; set; }

        public double Purchases { get; set; }

        public double Repurchases { get; set; }
    }
}
