using System.Collections.Concurrent;
using Realtime.Core.Recommendations;

namespace Realtime.Redis;

/// <summary>
/// Short-lived in-process copies of what every Recommend call reads about hot products: their facts and their
/// neighbour and trending lists, already parsed. A call touches ~100–500 products and ~20–35 lists and the popular ones
/// are in almost every call, so reading them from Redis each time made them the bulk of Redis's work; keeping the raw
/// replies instead of parsed values made re-parsing them (doubles, product-id strings) the bulk of ours. Facts live
/// <see cref="FactsTtl"/> (default 5 s: a stock-out or a price change reaches every API instance within that time),
/// lists <see cref="ListsTtl"/> (default 10 s: co-occurrence sums move slowly, and lists are most of the bytes). Each map is cleared wholesale once it has taken <see cref="MaxEntries"/> new keys, which bounds
/// memory without LRU bookkeeping (and without <c>ConcurrentDictionary.Count</c>, which takes every lock).
/// </summary>
public sealed class ItemFactsCache(TimeSpan factsTtl, TimeSpan listsTtl, TimeProvider clock)
{
    public const int MaxEntries = 200_000;

    private readonly BoundedMap<string, ItemFacts?> _facts = new(StringComparer.Ordinal);
    private readonly BoundedMap<(string Key, int Count), ScoredItem[]> _lists = new(EqualityComparer<(string, int)>.Default);

    public TimeSpan FactsTtl => factsTtl;

    public TimeSpan ListsTtl => listsTtl;

    /// <summary>A product's facts read at most <see cref="FactsTtl"/> ago; a cached null means Redis knew nothing of it.</summary>
    public bool TryGet(string productId, out ItemFacts? facts)
    {
        if (factsTtl > TimeSpan.Zero && _facts.TryGet(productId, out var entry) && Fresh(entry.FetchedAt, factsTtl))
        {
            facts = entry.Value;
            return true;
        }

        facts = default;
        return false;
    }

    public void Put(string productId, ItemFacts? facts, long fetchedAt)
    {
        if (factsTtl > TimeSpan.Zero)
        {
            _facts.Set(productId, facts, fetchedAt);
        }
    }

    /// <summary>The list stored under <paramref name="key"/> (top <paramref name="count"/>), read at most <see cref="ListsTtl"/> ago.</summary>
    public bool TryGetList(string key, int count, out ScoredItem[] entries)
    {
        if (listsTtl > TimeSpan.Zero && _lists.TryGet((key, count), out var entry) && Fresh(entry.FetchedAt, listsTtl))
        {
            entries = entry.Value;
            return true;
        }

        entries = [];
        return false;
    }

    public void PutList(string key, int count, ScoredItem[] entries, long fetchedAt)
    {
        if (listsTtl > TimeSpan.Zero)
        {
            _lists.Set((key, count), entries, fetchedAt);
        }
    }

    private bool Fresh(long fetchedAt, TimeSpan ttl) => clock.GetElapsedTime(fetchedAt) < ttl;

    private sealed class BoundedMap<TKey, TValue>(IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, (TValue Value, long FetchedAt)> _map = new(comparer);
        private int _added;

        public bool TryGet(TKey key, out (TValue Value, long FetchedAt) entry) => _map.TryGetValue(key, out entry);

        public void Set(TKey key, TValue value, long fetchedAt)
        {
            if (_map.TryAdd(key, (value, fetchedAt)))
            {
                if (Interlocked.Increment(ref _added) >= MaxEntries)
                {
                    Volatile.Write(ref _added, 0);
                    _map.Clear();
                }

                return;
            }

            _map[key] = (value, fetchedAt);
        }
    }
}
