using System.Collections.Concurrent;
using Realtime.Core.Recommendations;

namespace Realtime.Redis;

/// <summary>
/// Short-lived in-process copies of what every Recommend call reads about hot products: their facts and their
/// neighbour and trending lists, already parsed. A call touches ~100–500 products and ~20–35 lists and the popular ones
/// are in almost every call, so reading them from Redis each time made them the bulk of Redis's work; keeping the raw
/// replies instead of parsed values made re-parsing them (doubles, product-id strings) the bulk of ours. Facts live
/// <see cref="FactsTtl"/> (default 5 s: a stock-out or a price change reaches every API instance within that time),
/// lists <see cref="ListsTtl"/> (default 10 s: co-occurrence sums move slowly, and lists are most of the bytes). Each
/// map is replaced by an empty one once it has taken <see cref="MaxEntries"/> new keys, which bounds memory without
/// LRU bookkeeping (and without <c>ConcurrentDictionary.Count</c>, which takes every lock).
/// <para>
/// A cached list also remembers when the facts of all its products were last found here (<see cref="CachedList"/>):
/// until the oldest of them ages out, a call can skip checking the list's products one by one (one lookup each in a
/// map of ~10k products was 44 % of a Recommend call) and resolve only the facts its ranker reads.
/// </para>
/// </summary>
public sealed class ItemFactsCache(TimeSpan factsTtl, TimeSpan listsTtl, TimeProvider clock)
{
    public const int MaxEntries = 200_000;

    private readonly FreshMap<string, ItemFacts?> _facts = new(factsTtl, clock, StringComparer.Ordinal);
    private readonly FreshMap<(string Key, int Count), CachedList> _lists = new(listsTtl, clock, EqualityComparer<(string, int)>.Default);

    public TimeSpan FactsTtl => factsTtl;

    public TimeSpan ListsTtl => listsTtl;

    /// <summary>
    /// The facts map in force: a call takes it once and checks and resolves against it, so the map being replaced
    /// (every <see cref="MaxEntries"/> new keys) part-way through cannot make a product it checked disappear.
    /// </summary>
    public FactsGeneration CurrentFacts => new(_facts.Current);

    /// <summary>
    /// A product's facts in <paramref name="generation"/> read at most <see cref="FactsTtl"/> before <paramref name="now"/>
    /// (a <see cref="TimeProvider.GetTimestamp"/> taken once per request: reading the clock for each of a call's ~500
    /// products was a visible share of it), with the time they were read; a cached null means Redis knew nothing of it.
    /// </summary>
    public bool TryGet(FactsGeneration generation, string productId, long now, out ItemFacts? facts, out long fetchedAt) =>
        _facts.TryGet(generation.Map, productId, now, out facts, out fetchedAt);

    public void Put(string productId, ItemFacts? facts, long fetchedAt) => _facts.Set(productId, facts, fetchedAt);

    /// <summary>
    /// Whether facts read at <paramref name="fetchedAt"/> are past half the TTL at <paramref name="now"/>: a call that
    /// checks a list re-reads those early, so that every product of a list it checked is younger than half the TTL and
    /// the list's check (<see cref="MarkFactsChecked"/>) holds for at least the other half. Without it the check would
    /// last only until the oldest of a call's ~500 facts expired, which under steady expiry is almost at once.
    /// </summary>
    public bool DueForRefresh(long fetchedAt, long now) => clock.GetElapsedTime(fetchedAt, now) >= factsTtl / 2;

    /// <summary>The list stored under <paramref name="key"/> (top <paramref name="count"/>), read at most <see cref="ListsTtl"/> ago.</summary>
    public bool TryGetList(string key, int count, out CachedList list)
    {
        if (_lists.TryGet(_lists.Current, (key, count), clock.GetTimestamp(), out var cached, out _))
        {
            list = cached!;
            return true;
        }

        list = CachedList.Empty;
        return false;
    }

    /// <summary>Caches a list just read; the returned holder is the one later calls get.</summary>
    public CachedList PutList(string key, int count, ScoredItem[] entries, long fetchedAt)
    {
        var list = new CachedList(entries);
        _lists.Set((key, count), list, fetchedAt);
        return list;
    }

    /// <summary>
    /// Whether every product of <paramref name="list"/> had facts (or a known absence) in <paramref name="generation"/>
    /// that are still younger than <see cref="FactsTtl"/> at <paramref name="now"/> (see <see cref="MarkFactsChecked"/>).
    /// </summary>
    public bool FactsFresh(CachedList list, FactsGeneration generation, long now)
    {
        var check = list.FactsCheck;
        return check is not null && ReferenceEquals(check.Generation, generation.Map) && clock.GetElapsedTime(check.OldestFetchedAt, now) < factsTtl;
    }

    /// <summary>
    /// Records that a call found the facts of every product of <paramref name="list"/> in <paramref name="generation"/>,
    /// none read before <paramref name="oldestFetchedAt"/> (a lower bound over everything the call checked is enough).
    /// </summary>
    public void MarkFactsChecked(CachedList list, FactsGeneration generation, long oldestFetchedAt)
    {
        if (factsTtl > TimeSpan.Zero && !ReferenceEquals(list, CachedList.Empty))
        {
            list.FactsCheck = new FactsCheck(generation.Map, oldestFetchedAt);
        }
    }

    /// <summary>One facts map of the cache; resolves facts without aging them (the caller checked their age).</summary>
    public readonly struct FactsGeneration
    {
        internal FactsGeneration(ConcurrentDictionary<string, (ItemFacts? Value, long FetchedAt)> map) => Map = map;

        internal ConcurrentDictionary<string, (ItemFacts? Value, long FetchedAt)> Map { get; }

        /// <summary>The product's cached facts; false when nothing is cached or Redis knew nothing of it.</summary>
        public bool TryGetKnown(string productId, out ItemFacts facts)
        {
            if (Map.TryGetValue(productId, out var entry) && entry.Value is { } known)
            {
                facts = known;
                return true;
            }

            facts = default;
            return false;
        }
    }

    /// <summary>A cached, parsed list and what was last checked about its products' facts.</summary>
    public sealed class CachedList(ScoredItem[] entries)
    {
        internal static readonly CachedList Empty = new([]);

        public ScoredItem[] Entries { get; } = entries;

        // Replaced whole (one reference write), so a reader sees one check or the other, never half of each.
        internal FactsCheck? FactsCheck { get; set; }
    }

    internal sealed record FactsCheck(object Generation, long OldestFetchedAt);

    /// <summary>Values with the time they were read, answered while younger than the TTL (a zero TTL keeps nothing).</summary>
    private sealed class FreshMap<TKey, TValue>(TimeSpan ttl, TimeProvider clock, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        private volatile ConcurrentDictionary<TKey, (TValue Value, long FetchedAt)> _map = new(comparer);
        private int _added;

        public ConcurrentDictionary<TKey, (TValue Value, long FetchedAt)> Current => _map;

        public bool TryGet(ConcurrentDictionary<TKey, (TValue Value, long FetchedAt)> map, TKey key, long now, out TValue? value, out long fetchedAt)
        {
            if (ttl > TimeSpan.Zero && map.TryGetValue(key, out var entry) && clock.GetElapsedTime(entry.FetchedAt, now) < ttl)
            {
                (value, fetchedAt) = (entry.Value, entry.FetchedAt);
                return true;
            }

            (value, fetchedAt) = (default, 0);
            return false;
        }

        public void Set(TKey key, TValue value, long fetchedAt)
        {
            if (ttl <= TimeSpan.Zero)
            {
                return;
            }

            var map = _map;
            if (map.TryAdd(key, (value, fetchedAt)))
            {
                if (Interlocked.Increment(ref _added) >= MaxEntries)
                {
                    // A new map rather than Clear(): a call still holding the old one keeps a consistent view.
                    Volatile.Write(ref _added, 0);
                    _map = new(comparer);
                }

                return;
            }

            // Never older than what is there: two calls that fetched the same key race to write it.
            map.AddOrUpdate(key, static (_, fresh) => fresh, static (_, held, fresh) => fresh.FetchedAt >= held.FetchedAt ? fresh : held, (Value: value, FetchedAt: fetchedAt));
        }
    }
}
