using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Core.Recommendations;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Reads the item statistics for one recommendation in two pipelined round trips, whatever the number of seeds and
/// candidates: (1) the seeds' bought/viewed-together lists and the trending lists (<c>ZREVRANGE … WITHSCORES</c>),
/// (2) the facts of every product they returned, of the seeds and of <see cref="ItemSignalQuery.FactsFor"/> (<c>HMGET</c>
/// per product plus one <c>ZMSCORE</c> on the trending set). Stored scores are converted to decayed values as of
/// <see cref="ItemSignalQuery.NowMs"/>, exactly as <see cref="InMemoryItemSignalStore"/> does.
/// </summary>
public sealed class RedisItemSignalStore(IConnectionMultiplexer redis, ItemSignalKeys keys, IOptions<ItemSignalOptions> options, ItemFactsCache facts, TimeProvider clock) : IItemSignalReader
{
    private static readonly RedisValue[] s_factFields = ["cat", "price", "stock", "at", "btm", "vtm", "buy", "rebuy"];

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ItemSignalOptions _options = options.Value;
    private readonly long _epochMs = options.Value.Epoch.ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    public async ValueTask<ItemSignalSnapshot> ReadAsync(ItemSignalQuery query, CancellationToken cancellationToken)
    {
        var association = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.AssociationHalfLifeDays);
        var trending = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.TrendingHalfLifeDays);

        var bought = new Task<SortedSetEntry[]>[query.Seeds.Count];
        var viewed = new Task<SortedSetEntry[]>[query.Seeds.Count];
        var byCategory = new Task<SortedSetEntry[]>[query.Categories.Count];
        Task<SortedSetEntry[]> global;
        using (RedisMetrics.RoundTrip.WithLabels("read_item_lists").NewTimer())
        {
            for (var i = 0; i < query.Seeds.Count; i++)
            {
                bought[i] = Top(keys.BoughtTogether(query.Seeds[i]), query.NeighbourCount);
                viewed[i] = Top(keys.ViewedTogether(query.Seeds[i]), query.NeighbourCount);
            }

            for (var i = 0; i < query.Categories.Count; i++)
            {
                byCategory[i] = Top(keys.TrendingIn(query.Categories[i]), query.CategoryTrendingCount);
            }

            global = Top(keys.Trending, query.TrendingCount);
            await Task.WhenAll(Task.WhenAll(bought), Task.WhenAll(viewed), Task.WhenAll(byCategory), global).WaitAsync(cancellationToken);
        }

        var snapshot = new ItemSignalSnapshot { Trending = ToList(global.Result, trending) };
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        AddIds(query.Seeds, ids, seen);
        AddIds(query.FactsFor, ids, seen);
        AddIds(snapshot.Trending, ids, seen);
        for (var i = 0; i < query.Seeds.Count; i++)
        {
            AddList(snapshot.BoughtTogether, query.Seeds[i], bought[i].Result, association, ids, seen);
            AddList(snapshot.ViewedTogether, query.Seeds[i], viewed[i].Result, association, ids, seen);
        }

        for (var i = 0; i < query.Categories.Count; i++)
        {
            AddList(snapshot.TrendingByCategory, query.Categories[i], byCategory[i].Result, trending, ids, seen);
        }

        if (ids.Count > 0)
        {
            await ReadFactsAsync(ids, snapshot, association, trending, cancellationToken);
        }

        return snapshot;
    }

    private async Task ReadFactsAsync(List<string> ids, ItemSignalSnapshot snapshot, double association, double trending, CancellationToken cancellationToken)
    {
        var fields = new RedisValue[ids.Count][];
        var popularity = new double?[ids.Count];
        var missing = new List<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!facts.TryGet(ids[i], out fields[i], out popularity[i]))
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fetchedAt = clock.GetTimestamp();
            var reads = new Task<RedisValue[]>[missing.Count];
            var members = new RedisValue[missing.Count];
            Task<double?[]> scores;
            using (RedisMetrics.RoundTrip.WithLabels("read_item_facts").NewTimer())
            {
                for (var k = 0; k < missing.Count; k++)
                {
                    reads[k] = _db.HashGetAsync(keys.Item(ids[missing[k]]), s_factFields);
                    members[k] = ids[missing[k]];
                }

                scores = _db.SortedSetScoresAsync(keys.Trending, members);
                await Task.WhenAll(Task.WhenAll(reads), scores).WaitAsync(cancellationToken);
            }

            for (var k = 0; k < missing.Count; k++)
            {
                var i = missing[k];
                fields[i] = reads[k].Result;
                popularity[i] = scores.Result[k];
                facts.Put(ids[i], fields[i], popularity[i], fetchedAt);
            }
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var v = fields[i];
            var pop = popularity[i];
            if (pop is null && Array.TrueForAll(v, x => x.IsNull))
            {
                continue; // never heard of: the snapshot's FactsOf answers Unknown
            }

            snapshot.Facts[ids[i]] = new ItemFacts(
                Known: !v[3].IsNull,
                Category: v[0].IsNull ? null : (string?)v[0],
                Price: Number(v[1]),
                InStock: v[2].IsNull || (long)v[2] != 0,
                Popularity: Math.Max(0, (pop ?? 0) * trending),
                BoughtMass: Number(v[4]) * association,
                ViewedMass: Number(v[5]) * association,
                Purchases: Number(v[6]) * association,
                Repurchases: Number(v[7]) * association);
        }
    }

    private Task<SortedSetEntry[]> Top(string key, int count) =>
        facts.List(key, count, () => _db.SortedSetRangeByRankWithScoresAsync(key, 0, count - 1, Order.Descending));

    private static void AddList(Dictionary<string, IReadOnlyList<ScoredItem>> target, string owner, SortedSetEntry[] entries, double factor, List<string> ids, HashSet<string> seen)
    {
        if (entries.Length == 0)
        {
            return;
        }

        var list = ToList(entries, factor);
        target[owner] = list;
        AddIds(list, ids, seen);
    }

    private static List<ScoredItem> ToList(SortedSetEntry[] entries, double factor)
    {
        var list = new List<ScoredItem>(entries.Length);
        foreach (var e in entries)
        {
            list.Add(new ScoredItem((string)e.Element!, e.Score * factor));
        }

        return list;
    }

    private static void AddIds(IEnumerable<ScoredItem> items, List<string> ids, HashSet<string> seen)
    {
        foreach (var item in items)
        {
            if (seen.Add(item.ProductId))
            {
                ids.Add(item.ProductId);
            }
        }
    }

    private static void AddIds(List<string> source, List<string> ids, HashSet<string> seen)
    {
        foreach (var id in source)
        {
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }
    }

    private static double Number(RedisValue value) => value.IsNull ? 0 : (double)value;
}
