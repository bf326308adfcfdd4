using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Short-lived in-process copies of what every Recommend call reads about hot products: their facts (catalog fields,
/// list masses, purchase counters, trending score) and their neighbour and trending lists. A call touches ~100–200
/// products and ~20 lists, and the popular ones are in almost every call, so reading them from Redis each time made
/// them the bulk of Redis's work. Entries live <see cref="Ttl"/> (default 1 s): a stock-out, a price change or a new
/// co-purchase reaches every API instance within that time. Each map is cleared wholesale past
/// <see cref="MaxEntries"/>, which bounds memory without LRU bookkeeping.
/// </summary>
public sealed class ItemFactsCache(TimeSpan ttl, TimeProvider clock)
{
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, (RedisValue[] Fields, double? Popularity, long FetchedAt)> _facts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SortedSetEntry[] Entries, long FetchedAt)> _lists = new(StringComparer.Ordinal);

    public TimeSpan Ttl => ttl;

    public bool TryGet(string productId, out RedisValue[] fields, out double? popularity)
    {
        if (ttl > TimeSpan.Zero && _facts.TryGetValue(productId, out var entry) && Fresh(entry.FetchedAt))
        {
            (fields, popularity) = (entry.Fields, entry.Popularity);
            return true;
        }

        (fields, popularity) = ([], null);
        return false;
    }

    public void Put(string productId, RedisValue[] fields, double? popularity, long fetchedAt)
    {
        if (ttl > TimeSpan.Zero)
        {
            Bound(_facts)[productId] = (fields, popularity, fetchedAt);
        }
    }

    /// <summary>A list (by key and length) read from Redis at most <see cref="Ttl"/> ago, or the read itself.</summary>
    public Task<SortedSetEntry[]> List(string key, int count, Func<Task<SortedSetEntry[]>> read)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return read();
        }

        var cacheKey = string.Concat(key, "#", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_lists.TryGetValue(cacheKey, out var entry) && Fresh(entry.FetchedAt))
        {
            return Task.FromResult(entry.Entries);
        }

        var fetchedAt = clock.GetTimestamp();
        return StoreAsync(cacheKey, read(), fetchedAt);
    }

    private async Task<SortedSetEntry[]> StoreAsync(string cacheKey, Task<SortedSetEntry[]> reading, long fetchedAt)
    {
        var entries = await reading;
        Bound(_lists)[cacheKey] = (entries, fetchedAt);
        return entries;
    }

    private bool Fresh(long fetchedAt) => clock.GetElapsedTime(fetchedAt) < ttl;

    private static ConcurrentDictionary<string, T> Bound<T>(ConcurrentDictionary<string, T> map)
    {
        if (map.Count >= MaxEntries)
        {
            map.Clear();
        }

        return map;
    }
}
