using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Core.Recommendations;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Reads the item statistics for one recommendation in at most two pipelined round trips, whatever the number of seeds
/// and candidates: (1) the seeds' bought/viewed-together lists and the trending lists (<c>ZREVRANGE … WITHSCORES</c>),
/// (2) the facts of every product they returned, of the seeds and of <see cref="ItemSignalQuery.FactsFor"/> (<c>HMGET</c>
/// per product plus one <c>ZMSCORE</c> on the trending set). Whatever <see cref="ItemFactsCache"/> holds is not read
/// again. Stored scores are converted to decayed values as of <see cref="ItemSignalQuery.NowMs"/>, exactly as
/// <see cref="InMemoryItemSignalStore"/> does.
/// </summary>
public sealed class RedisItemSignalStore(
    IConnectionMultiplexer redis, ItemSignalKeys keys, IOptions<ItemSignalOptions> options, ItemFactsCache cache, TimeProvider clock, FactsMapPool? factsMaps = null,
    ProductIdPool? productIds = null)
    : IItemSignalReader
{
    private static readonly Counter.Child s_listsChecked = RedisMetrics.FactListChecks.WithLabels("true");
    private static readonly Counter.Child s_listsResolvedOnUse = RedisMetrics.FactListChecks.WithLabels("false");
    private static readonly RedisValue[] s_factFields = ["cat", "price", "stock", "at", "btm", "vtm", "buy", "rebuy"];

    private readonly FactsMapPool _factsMaps = factsMaps ?? FactsMapPool.Shared;
    private readonly ProductIdPool _productIds = productIds ?? ProductIdPool.Shared;
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ItemSignalOptions _options = options.Value;
    private readonly long _epochMs = options.Value.Epoch.ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    public async ValueTask<ItemSignalSnapshot> ReadAsync(ItemSignalQuery query, CancellationToken cancellationToken)
    {
        var association = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.AssociationHalfLifeDays);
        var trending = DecayScale.FromStored(1, query.NowMs, _epochMs, _options.TrendingHalfLifeDays);

        // Every list of the request, in a fixed order: bought and viewed per seed, trending per category, global.
        var seeds = query.Seeds.Count;
        var listCount = (2 * seeds) + query.Categories.Count + 1;
        var lists = new ScoredItem[listCount][];
        var listKeys = new string[listCount];
        var listLengths = new int[listCount];
        for (var i = 0; i < seeds; i++)
        {
            (listKeys[2 * i], listLengths[2 * i]) = (keys.BoughtTogether(query.Seeds[i]), query.NeighbourCount);
            (listKeys[(2 * i) + 1], listLengths[(2 * i) + 1]) = (keys.ViewedTogether(query.Seeds[i]), query.NeighbourCount);
        }

        for (var i = 0; i < query.Categories.Count; i++)
        {
            (listKeys[(2 * seeds) + i], listLengths[(2 * seeds) + i]) = (keys.TrendingIn(query.Categories[i]), query.CategoryTrendingCount);
        }

        (listKeys[^1], listLengths[^1]) = (keys.Trending, query.TrendingCount);
        var held = new ItemFactsCache.CachedList[listCount];
        await ReadListsAsync(listKeys, listLengths, lists, held, cancellationToken);

        // The lists whose products must be checked one by one: those not all found fresh here by an earlier call.
        // The others' facts are resolved by the snapshot from the same facts map when the ranker reads them.
        var generation = cache.CurrentFacts;
        var now = clock.GetTimestamp();
        var check = new bool[listCount];
        var checkedLists = 0;
        for (var i = 0; i < listCount; i++)
        {
            check[i] = !cache.FactsFresh(held[i], generation, now);
            checkedLists += check[i] ? 1 : 0;
        }

        var skipsAny = checkedLists < listCount;
        s_listsChecked.Inc(checkedLists);
        s_listsResolvedOnUse.Inc(listCount - checkedLists);

        var snapshot = new ItemSignalSnapshot(_factsMaps.Rent(), _factsMaps.Return)
        {
            Trending = new ScaledScores(lists[^1], trending),
            FactsSource = skipsAny ? new CachedFacts(generation, association, trending) : null,
        };
        for (var i = 0; i < seeds; i++)
        {
            if (lists[2 * i].Length > 0)
            {
                snapshot.BoughtTogether[query.Seeds[i]] = new ScaledScores(lists[2 * i], association);
            }

            if (lists[(2 * i) + 1].Length > 0)
            {
                snapshot.ViewedTogether[query.Seeds[i]] = new ScaledScores(lists[(2 * i) + 1], association);
            }
        }

        for (var i = 0; i < query.Categories.Count; i++)
        {
            if (lists[(2 * seeds) + i].Length > 0)
            {
                snapshot.TrendingByCategory[query.Categories[i]] = new ScaledScores(lists[(2 * seeds) + i], trending);
            }
        }

        // Facts of every product named in the seeds, FactsFor and the lists being checked: from the cache straight
        // into the snapshot, the rest in one batch.
        var facts = new FactsCollector(snapshot, cache, generation, association, trending, now);
        facts.AddRange(query.Seeds);
        facts.AddRange(query.FactsFor);
        for (var i = 0; i < listCount; i++)
        {
            if (check[i])
            {
                facts.AddRange(lists[i]);
            }
        }

        if (facts.Missing.Count > 0)
        {
            await FetchFactsAsync(facts, cancellationToken);
        }

        for (var i = 0; i < listCount; i++)
        {
            if (check[i])
            {
                cache.MarkFactsChecked(held[i], generation, facts.OldestFetchedAt);
            }
        }

        return snapshot;
    }

    /// <summary>Fills <paramref name="lists"/> from the cache, reading only the missing ones (one pipelined batch).</summary>
    private async Task ReadListsAsync(string[] listKeys, int[] lengths, ScoredItem[][] lists, ItemFactsCache.CachedList[] held, CancellationToken cancellationToken)
    {
        List<(int Index, Task<SortedSetEntry[]> Read)>? misses = null;
        IBatch? reads = null;
        for (var i = 0; i < listKeys.Length; i++)
        {
            if (cache.TryGetList(listKeys[i], lengths[i], out held[i]))
            {
                lists[i] = held[i].Entries;
            }
            else
            {
                reads ??= _db.CreateBatch();
                var read = keys.ShardsTrending && listKeys[i] == keys.Trending
                    ? ReadShardedTrendingAsync(reads, lengths[i])
                    : reads.SortedSetRangeByRankWithScoresAsync(listKeys[i], 0, lengths[i] - 1, Order.Descending);
                (misses ??= []).Add((i, read));
            }
        }

        if (misses is null)
        {
            return;
        }

        var fetchedAt = clock.GetTimestamp(); // before the send, so an entry's age is never understated
        reads!.Execute();
        using (RedisMetrics.RoundTrip.WithLabels("read_item_lists").NewTimer())
        {
            foreach (var (_, read) in misses)
            {
                await read.WaitAsync(cancellationToken);
            }
        }

        foreach (var (i, read) in misses)
        {
            var entries = read.Result;
            var list = new ScoredItem[entries.Length];
            for (var k = 0; k < entries.Length; k++)
            {
                list[k] = new ScoredItem(_productIds.Intern(entries[k].Element), entries[k].Score);
            }

            lists[i] = list;
            held[i] = cache.PutList(listKeys[i], lengths[i], list, fetchedAt);
        }
    }

    private async Task FetchFactsAsync(FactsCollector facts, CancellationToken cancellationToken)
    {
        var missing = facts.Missing;
        var fetchedAt = clock.GetTimestamp();
        var reads = new Task<RedisValue[]>[missing.Count];
        var members = new RedisValue[missing.Count];
        Task<double?[]> scores;
        using (RedisMetrics.RoundTrip.WithLabels("read_item_facts").NewTimer())
        {
            var batch = _db.CreateBatch();
            for (var k = 0; k < missing.Count; k++)
            {
                reads[k] = batch.HashGetAsync(keys.Item(missing[k]), s_factFields);
                members[k] = missing[k];
            }

            scores = keys.ShardsTrending ? ReadShardedPopularityAsync(batch, members) : batch.SortedSetScoresAsync(keys.Trending, members);
            batch.Execute();
            await Task.WhenAll(Task.WhenAll(reads), scores).WaitAsync(cancellationToken);
        }

        for (var k = 0; k < missing.Count; k++)
        {
            var stored = Parse(reads[k].Result, scores.Result[k]);
            cache.Put(missing[k], stored, fetchedAt);
            facts.Set(missing[k], stored, fetchedAt);
        }
    }

    /// <summary>
    /// Global trending on a cluster: the top <paramref name="length"/> of every shard and of the pre-shard set, queued
    /// on <paramref name="reads"/> (sent with the batch), summed per product and cut to the best <paramref name="length"/>
    /// in Redis's order (score, then member, both descending). A product lives in one shard, so the global top N is
    /// among the shards' top Ns.
    /// </summary>
    private async Task<SortedSetEntry[]> ReadShardedTrendingAsync(IBatch reads, int length)
    {
        var parts = new Task<SortedSetEntry[]>[ItemSignalKeys.TrendingShards + 1];
        for (var k = 0; k < ItemSignalKeys.TrendingShards; k++)
        {
            parts[k] = reads.SortedSetRangeByRankWithScoresAsync(keys.TrendingShard(k), 0, length - 1, Order.Descending);
        }

        parts[^1] = reads.SortedSetRangeByRankWithScoresAsync(keys.Trending, 0, length - 1, Order.Descending);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in await Task.WhenAll(parts))
        {
            foreach (var e in part)
            {
                sums[(string)e.Element!] = sums.GetValueOrDefault((string)e.Element!) + e.Score;
            }
        }

        return sums.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key, StringComparer.Ordinal)
            .Take(length).Select(kv => new SortedSetEntry(kv.Key, kv.Value)).ToArray();
    }

    /// <summary>
    /// The trending scores of <paramref name="members"/> on a cluster: one <c>ZMSCORE</c> per shard they live in plus
    /// one on the pre-shard set, summed (null where neither knows the product).
    /// </summary>
    private async Task<double?[]> ReadShardedPopularityAsync(IBatch batch, RedisValue[] members)
    {
        var byShard = Enumerable.Range(0, members.Length).GroupBy(i => ItemSignalKeys.ShardOf((string)members[i]!)).ToList();
        var shardReads = byShard.Select(g => (Indices: g.ToArray(), Read: batch.SortedSetScoresAsync(keys.TrendingShard(g.Key), g.Select(i => members[i]).ToArray()))).ToList();
        var legacy = batch.SortedSetScoresAsync(keys.Trending, members);
        var scores = new double?[members.Length];
        foreach (var (indices, read) in shardReads)
        {
            var part = await read;
            for (var j = 0; j < indices.Length; j++)
            {
                scores[indices[j]] = part[j];
            }
        }

        var old = await legacy;
        for (var k = 0; k < members.Length; k++)
        {
            if (old[k] is { } before)
            {
                scores[k] = (scores[k] ?? 0) + before;
            }
        }

        return scores;
    }

    /// <summary>The stored facts, or null for a product the store has never heard of (the snapshot answers Unknown).</summary>
    private static ItemFacts? Parse(RedisValue[] v, double? popularity)
    {
        if (popularity is null && Array.TrueForAll(v, x => x.IsNull))
        {
            return null;
        }

        return new ItemFacts(
            Known: !v[3].IsNull,
            Category: v[0].IsNull ? null : (string?)v[0],
            Price: Number(v[1]),
            InStock: v[2].IsNull || (long)v[2] != 0,
            Popularity: popularity ?? 0,
            BoughtMass: Number(v[4]),
            ViewedMass: Number(v[5]),
            Purchases: Number(v[6]),
            Repurchases: Number(v[7]));
    }

    /// <summary>
    /// Gathers one request's facts: each product once, cached ones decayed straight into the snapshot, the others
    /// listed for one batched read; notes the oldest read time of everything it found, so the lists it checked can be
    /// marked fresh until then plus the TTL. (No separate id list and set: the snapshot's own map is the "seen" set.)
    /// </summary>
    private sealed class FactsCollector(ItemSignalSnapshot snapshot, ItemFactsCache cache, ItemFactsCache.FactsGeneration generation, double association, double trending, long now)
    {
        private readonly long _now = now;

        private HashSet<string>? _missingSet; // created on the first miss: most calls have none

        public List<string> Missing { get; } = [];

        /// <summary>When the oldest facts found or fetched were read (<c>now</c> when nothing was).</summary>
        public long OldestFetchedAt { get; private set; } = now;

        public void AddRange(List<string> ids)
        {
            foreach (var id in ids)
            {
                Add(id);
            }
        }

        public void AddRange(ScoredItem[] items)
        {
            foreach (var item in items)
            {
                Add(item.ProductId);
            }
        }

        public void Set(string id, ItemFacts? stored, long fetchedAt)
        {
            OldestFetchedAt = Math.Min(OldestFetchedAt, fetchedAt);
            if (stored is { } known)
            {
                snapshot.Facts[id] = known.Scaled(association, trending);
            }
        }

        private void Add(string id)
        {
            // One lookup of the snapshot's map for a product seen before (most list entries) and for a new one.
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(snapshot.Facts, id, out var seen);
            if (seen)
            {
                return;
            }

            if (cache.TryGet(generation, id, _now, out var stored, out var fetchedAt) && !cache.DueForRefresh(fetchedAt, _now))
            {
                OldestFetchedAt = Math.Min(OldestFetchedAt, fetchedAt);
                if (stored is { } known)
                {
                    slot = known.Scaled(association, trending);
                }
                else
                {
                    snapshot.Facts.Remove(id); // Redis knew nothing of it: the snapshot answers Unknown
                }

                return;
            }

            snapshot.Facts.Remove(id); // filled by the batched read, if Redis has it
            if ((_missingSet ??= new HashSet<string>(StringComparer.Ordinal)).Add(id))
            {
                Missing.Add(id);
            }
        }
    }

    /// <summary>The facts of the lists a call did not check, resolved from the facts map it checked them against.</summary>
    private sealed class CachedFacts(ItemFactsCache.FactsGeneration generation, double association, double trending) : IItemFactsSource
    {
        public bool TryGet(string productId, out ItemFacts facts)
        {
            if (generation.TryGetKnown(productId, out var stored))
            {
                facts = stored.Scaled(association, trending);
                return true;
            }

            facts = default;
            return false;
        }
    }

    private static double Number(RedisValue value) => value.IsNull ? 0 : (double)value;
}
