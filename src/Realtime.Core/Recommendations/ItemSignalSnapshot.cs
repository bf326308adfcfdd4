namespace Realtime.Core.Recommendations;

/// <summary>
/// The answer to an <see cref="ItemSignalQuery"/>: neighbour and trending lists (best first, scores decayed to the
/// query time) and the facts of every product that appears in them, in the seeds or in <c>FactsFor</c>: held in
/// <see cref="Facts"/>, or resolved on first use from the store's <see cref="IItemFactsSource"/> and then held, so a
/// product's facts do not change within one call. Missing entries mean "nothing known" (cold seed, empty category),
/// never an error. Not thread-safe: one request's. A store may lend the facts map (a ~70 KB array per call was a
/// quarter of the serving path's allocated bytes); disposing the snapshot hands it back, so dispose it once the call
/// has ranked, and not before — what was ranked holds no reference to it.
/// </summary>
public sealed class ItemSignalSnapshot : IDisposable
{
    private Action<Dictionary<string, ItemFacts>>? _returnFacts;

    public ItemSignalSnapshot()
        : this(0)
    {
    }

    /// <summary>A snapshot whose facts map starts with room for <paramref name="factsCapacity"/> products (no regrowth).</summary>
    public ItemSignalSnapshot(int factsCapacity) => Facts = new(factsCapacity, StringComparer.Ordinal);

    /// <summary>
    /// A snapshot over a lent facts map (empty, ordinal keys), given to <paramref name="returnFacts"/> on
    /// <see cref="Dispose"/>.
    /// </summary>
    public ItemSignalSnapshot(Dictionary<string, ItemFacts> lentFacts, Action<Dictionary<string, ItemFacts>> returnFacts)
    {
        if (lentFacts.Count != 0 || !ReferenceEquals(lentFacts.Comparer, StringComparer.Ordinal))
        {
            throw new ArgumentException("a lent facts map must be empty and use ordinal keys", nameof(lentFacts));
        }

        Facts = lentFacts;
        _returnFacts = returnFacts;
    }

    /// <summary>Where facts not in <see cref="Facts"/> are resolved on first use (null: <see cref="Facts"/> is all there is).</summary>
    public IItemFactsSource? FactsSource { get; set; }

    /// <summary>Bought-together neighbours by seed.</summary>
    public Dictionary<string, IReadOnlyList<ScoredItem>> BoughtTogether { get; } = new(StringComparer.Ordinal);

    /// <summary>Viewed-together neighbours by seed.</summary>
    public Dictionary<string, IReadOnlyList<ScoredItem>> ViewedTogether { get; } = new(StringComparer.Ordinal);

    /// <summary>Trending products by category.</summary>
    public Dictionary<string, IReadOnlyList<ScoredItem>> TrendingByCategory { get; } = new(StringComparer.Ordinal);

    /// <summary>Trending products overall.</summary>
    public IReadOnlyList<ScoredItem> Trending { get; set; } = [];

    /// <summary>Facts by product id: those the store put in, and those resolved so far from <see cref="FactsSource"/>.</summary>
    public Dictionary<string, ItemFacts> Facts { get; private set; }

    /// <summary>The facts of <paramref name="productId"/>, or <see cref="ItemFacts.Unknown"/>.</summary>
    public ItemFacts FactsOf(string productId)
    {
        if (Facts.TryGetValue(productId, out var facts))
        {
            return facts;
        }

        if (FactsSource is { } source && source.TryGet(productId, out facts))
        {
            Facts[productId] = facts; // held: a second read in this call sees the same facts
            return facts;
        }

        return ItemFacts.Unknown;
    }

    /// <summary>
    /// Hands a lent facts map back (once; later calls do nothing). The snapshot then answers from an empty map with no
    /// source, so a use after disposal reads "nothing known" rather than another call's facts.
    /// </summary>
    public void Dispose()
    {
        if (_returnFacts is not { } returnFacts)
        {
            return;
        }

        _returnFacts = null;
        var lent = Facts;
        Facts = new(StringComparer.Ordinal);
        FactsSource = null;
        returnFacts(lent);
    }
}
