namespace Realtime.Core.Recommendations;

/// <summary>
/// Item-statistics increments summed in memory, already epoch-scaled (<see cref="DecayScale"/>): one entry per
/// (list, member), per trending product, per product counter, and the newest catalog fact per product. Increments
/// commute, so summing any number of <see cref="ItemSignalBatch"/>es first and writing the totals once gives the same
/// scores as writing every batch (up to floating-point rounding); a hot pair costs one increment per flush instead of
/// one per order. Lists are trimmed by the writer after the sums are added, so a list is trimmed less often, never later
/// than one flush.
/// </summary>
public sealed class ItemSignalTotals
{
    private readonly ItemSignalOptions _options;
    private readonly long _epochMs;

    /// <summary>Creates empty totals that scale increments with <paramref name="options"/>' epoch and half-lives.</summary>
    public ItemSignalTotals(ItemSignalOptions options) => (_options, _epochMs) = (options, options.Epoch.ToUnixTimeMilliseconds());

    /// <summary>Neighbour and category-trending lists: per list, the increment of each member and of the owner's mass.</summary>
    public Dictionary<(SignalKind Kind, string Subject), ListTotals> Lists { get; } = [];

    /// <summary>Global trending: increment per product.</summary>
    public Dictionary<string, double> Trending { get; } = new(StringComparer.Ordinal);

    /// <summary>Product counters (<see cref="SignalKind.Purchases"/>, <see cref="SignalKind.Repurchases"/>): increment per (product, kind).</summary>
    public Dictionary<(string Item, SignalKind Kind), double> Counters { get; } = [];

    /// <summary>The newest catalog fact per product (ties: the later one added, as the store's newest-wins rule does).</summary>
    public Dictionary<string, CatalogFact> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>Increments too far from the epoch to scale (an event from years ago): left out and counted here.</summary>
    public int Dropped { get; private set; }

    /// <summary>How many increments and facts were added since the last <see cref="Clear"/> (before summing).</summary>
    public int Added { get; private set; }

    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => Lists.Count == 0 && Trending.Count == 0 && Counters.Count == 0 && Facts.Count == 0;

    /// <summary>Adds a batch's increments and facts.</summary>
    public void Add(ItemSignalBatch batch)
    {
        foreach (var inc in batch.Increments)
        {
            Add(inc);
        }

        foreach (var fact in batch.Catalog)
        {
            AddFact(fact);
        }
    }

    /// <summary>Adds totals taken earlier (a flush that failed goes back in, to be written with the next one).</summary>
    public void Add(ItemSignalTotals other)
    {
        foreach (var (key, list) in other.Lists)
        {
            var mine = ListOf(key);
            foreach (var (member, stored) in list.Members)
            {
                mine.Members[member] = mine.Members.GetValueOrDefault(member) + stored;
            }

            mine.Mass += list.Mass;
        }

        foreach (var (item, stored) in other.Trending)
        {
            Trending[item] = Trending.GetValueOrDefault(item) + stored;
        }

        foreach (var (key, stored) in other.Counters)
        {
            Counters[key] = Counters.GetValueOrDefault(key) + stored;
        }

        foreach (var fact in other.Facts.Values)
        {
            AddFact(fact);
        }

        Dropped += other.Dropped;
        Added += other.Added;
    }

    /// <summary>Empties the totals for reuse.</summary>
    public void Clear()
    {
        Lists.Clear();
        Trending.Clear();
        Counters.Clear();
        Facts.Clear();
        Dropped = 0;
        Added = 0;
    }

    private void Add(SignalIncrement inc)
    {
        Added++;
        if (!TryStored(inc, out var stored))
        {
            Dropped++;
            return;
        }

        switch (inc.Kind)
        {
            case SignalKind.BoughtTogether or SignalKind.ViewedTogether or SignalKind.CategoryPopularity:
                var list = ListOf((inc.Kind, inc.Subject));
                list.Members[inc.Item] = list.Members.GetValueOrDefault(inc.Item) + stored;
                list.Mass += stored;
                break;
            case SignalKind.Popularity:
                Trending[inc.Item] = Trending.GetValueOrDefault(inc.Item) + stored;
                break;
            case SignalKind.Purchases or SignalKind.Repurchases:
                var key = (inc.Item, inc.Kind);
                Counters[key] = Counters.GetValueOrDefault(key) + stored;
                break;
        }
    }

    private void AddFact(CatalogFact fact)
    {
        Added++;
        if (!Facts.TryGetValue(fact.ProductId, out var held) || fact.AtMs >= held.AtMs)
        {
            Facts[fact.ProductId] = fact;
        }
    }

    private ListTotals ListOf((SignalKind Kind, string Subject) key)
    {
        if (!Lists.TryGetValue(key, out var list))
        {
            Lists[key] = list = new ListTotals();
        }

        return list;
    }

    // An increment whose time is too far from the epoch to scale passes event validation but cannot be stored: it is
    // dropped and counted rather than stalling ingest.
    private bool TryStored(SignalIncrement inc, out double stored)
    {
        var exponent = (inc.AtMs - _epochMs) / (DecayScale.HalfLifeDays(inc.Kind, _options) * 86_400_000d);
        stored = Math.Abs(exponent) <= DecayScale.MaxExponent ? DecayScale.ToStored(inc, _options) : double.NaN;
        return double.IsFinite(stored);
    }

    /// <summary>The summed increments of one list.</summary>
    public sealed class ListTotals
    {
        /// <summary>Increment per member.</summary>
        public Dictionary<string, double> Members { get; } = new(StringComparer.Ordinal);

        /// <summary>Increment of the owner's mass (bought or viewed mass; unused for category lists).</summary>
        public double Mass { get; set; }
    }
}
