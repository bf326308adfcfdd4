using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// A short-lived in-process copy of product facts (catalog fields, list masses, purchase counters, trending score).
/// A Recommend call needs the facts of every candidate, ~100–200 products; hot products are asked for by every call,
/// so reading them from Redis each time made the facts the bulk of Redis's work. Entries live
/// <see cref="Ttl"/> (default 1 s): a stock-out or a price change reaches every API instance within that time.
/// The cache is cleared wholesale when it grows past <see cref="MaxEntries"/>, which bounds memory without LRU bookkeeping.
/// </summary>
public sealed class ItemFactsCache(TimeSpan ttl, TimeProvider clock)
{
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Ttl => ttl;

    public bool TryGet(string productId, out RedisValue[] fields, out double? popularity)
    {
        if (ttl > TimeSpan.Zero && _entries.TryGetValue(productId, out var entry) && clock.GetElapsedTime(entry.FetchedAt) < ttl)
        {
            fields = entry.Fields;
            popularity = entry.Popularity;
            return true;
        }

        fields = [];
        popularity = null;
        return false;
    }

    public void Put(string productId, RedisValue[] fields, double? popularity, long fetchedAt)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[productId] = new Entry(fields, popularity, fetchedAt);
    }

    private sealed record Entry(RedisValue[] Fields, double? Popularity, long FetchedAt);
}
