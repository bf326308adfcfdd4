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
/// map is cleared wholesale once it has taken <see cref="MaxEntries"/> new keys, which bounds memory without LRU
/// bookkeeping (and without <c>ConcurrentDictionary.Count</c>, which takes every lock).
/// </summary>
public sealed class ItemFactsCache(TimeSpan factsTtl, TimeSpan listsTtl, TimeProvider clock)
{
    public const int MaxEntries = 200_000;

    private readonly FreshMap<string, ItemFacts?> _facts = new(factsTtl, clock, StringComparer.Ordinal);
    private readonly FreshMap<(string Key, int Count), ScoredItem[]> _lists = new(listsTtl, clock, EqualityComparer<(string, int)>.Default);

    public TimeSpan FactsTtl => factsTtl;

    public TimeSpan ListsTtl => listsTtl;

    /// <summary>A product's facts read at most <see cref="FactsTtl"/> ago; a cached null means Redis knew nothing of it.</summary>
    public bool TryGet(string productId, out ItemFacts? facts) => _facts.TryGet(productId, clock.GetTimestamp(), out facts);

    /// <summary>
    /// As <see cref="TryGet(string, out ItemFacts?)"/>, aged against <paramref name="now"/> (a <see cref="TimeProvider.GetTimestamp"/>
    /// taken once per request: reading the clock for each of a call's ~500 products was a visible share of it).
    /// </summary>
    public bool TryGet(string productId, long now, out ItemFacts? facts) => _facts.TryGet(productId, now, out facts);

    public void Put(string productId, ItemFacts? facts, long fetchedAt) => _facts.Set(productId, facts, fetchedAt);

    /// <summary>The list stored under <paramref name="key"/> (top <paramref name="count"/>), read at most <see cref="ListsTtl"/> ago.</summary>
    public bool TryGetList(string key, int count, out ScoredItem[] entries)
    {
        if (_lists.TryGet((key, count), clock.GetTimestamp(), out var list))
        {
            entries = list!;
            return true;
        }

        entries = [];
        return false;
    }

    public void PutList(string key, int count, ScoredItem[] entries, long fetchedAt) => _lists.Set((key, count), entries, fetchedAt);

    /// <summary>Values with the time they were read, answered while younger than the TTL (a zero TTL keeps nothing).</summary>
    private sealed class FreshMap<TKey, TValue>(TimeSpan ttl, TimeProvider clock, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, (TValue Value, long FetchedAt)> _map = new(comparer);
        private int _added;

        public bool TryGet(TKey key, long now, out TValue? value)
        {
            if (ttl > TimeSpan.Zero && _map.TryGetValue(key, out var entry) && clock.GetElapsedTime(entry.FetchedAt, now) < ttl)
            {
                value = entry.Value;
                return true;
            }

            value = default;
            return false;
        }

        public void Set(TKey key, TValue value, long fetchedAt)
        {
            if (ttl <= TimeSpan.Zero)
            {
                return;
            }

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
