using System.Globalization;
using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Recommendations;
using Realtime.Redis;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.IntegrationTests.Cluster;

/// <summary>The key layout against a real cluster: where keys land, and the hot aggregates spread over every primary.</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterKeyLayoutTests(ClusterServers servers)
{
    [Theory]
    [InlineData("rt:{c:customer-1}")]
    [InlineData("rt:summary")]
    [InlineData("rt:i:{p:sku-42}")]
    [InlineData("{}rt:empty-tag")]
    [InlineData("rt:{wm:n0}:events:3")]
    [InlineData("clé-ünïcode")]
    public void The_engine_computes_the_same_slot_as_redis(string key)
    {
        var node = servers.Cluster!.CurrentPrimaries()[0];
        var slot = int.Parse(LocalRedisCluster.Command(node, "cluster", "keyslot", key).Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(slot, ClusterSlots.Of(key));
    }

    [Fact]
    public void The_counter_trending_and_due_shards_and_the_watermark_copies_reach_every_primary()
    {
        var keys = new RedisKeys("layout");
        var shardOwners = Enumerable.Range(0, RedisKeys.SummaryShards).Select(k => OwnerPort(keys.SummaryShard(k))).ToHashSet();
        var trendingOwners = Enumerable.Range(0, ItemSignalKeys.TrendingShards).Select(k => OwnerPort(new ItemSignalKeys(keys, servers.Connection).TrendingShard(k))).ToHashSet();
        var dueOwners = Enumerable.Range(0, RedisSegmentSchedule.Shards).Select(k => OwnerPort(keys.SegmentDueShard(k))).ToHashSet();
        var watermarkOwners = ClusterSlots.TagPerPrimary(servers.Connection, "wm").Select(t => OwnerPort(keys.AppliedWatermark("events", 0, t))).ToHashSet();

        var primaries = servers.Cluster!.CurrentPrimaries().Select(p => p.Port).ToHashSet();
        Assert.Equal(primaries, shardOwners);
        Assert.Equal(primaries, trendingOwners);
        Assert.Equal(primaries, dueOwners);
        Assert.Equal(primaries, watermarkOwners);
    }

    [Fact]
    public async Task Counters_sum_over_the_shards_and_the_pre_shard_hash_and_a_retried_batch_counts_once()
    {
        var keys = new RedisKeys("counters-" + Guid.NewGuid().ToString("N")[..8]);
        var counters = new RedisLifecycleCounters(servers.Connection, keys, TimeProvider.System);
        // Data written before the counters were sharded stays counted.
        await servers.Connection.GetDatabase().HashSetAsync(keys.LegacySummary, CounterKeys.Customers, 5);

        for (long batch = 1; batch <= 2 * RedisKeys.SummaryShards; batch++)
        {
            await counters.ApplyOnceAsync("w1", batch, [new CounterDelta(CounterKeys.Customers, 1)], CancellationToken.None);
            await counters.ApplyOnceAsync("w1", batch, [new CounterDelta(CounterKeys.Customers, 1)], CancellationToken.None);
        }

        await counters.ApplyAsync([new CounterDelta(CounterKeys.Customers, 100)], CancellationToken.None);

        var all = await counters.ReadAllAsync(CancellationToken.None);
        Assert.Equal(5 + (2 * RedisKeys.SummaryShards) + 100, all[CounterKeys.Customers]);
        var db = servers.Connection.GetDatabase();
        Assert.All(Enumerable.Range(0, RedisKeys.SummaryShards), k => Assert.True(db.HashExists(keys.SummaryShard(k), CounterKeys.Customers), $"shard {k} got no batch"));
    }

    [Fact]
    public async Task Trending_written_before_the_shards_still_counts_next_to_the_shards()
    {
        var keys = new ItemSignalKeys(new RedisKeys("trend-" + Guid.NewGuid().ToString("N")[..8]), servers.Connection);
        Assert.True(keys.ShardsTrending);
        var db = servers.Connection.GetDatabase();
        await db.SortedSetAddAsync(keys.Trending, [new SortedSetEntry("old", 5), new SortedSetEntry("both", 1)]);
        await db.SortedSetAddAsync(keys.TrendingOf("both"), "both", 2);
        await db.SortedSetAddAsync(keys.TrendingOf("new"), "new", 4);
        var options = new ItemSignalOptions { Epoch = DateTimeOffset.UnixEpoch };
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);

        var query = new ItemSignalQuery { NowMs = 0, TrendingCount = 10 };
        query.FactsFor.AddRange(["old", "both", "new"]);
        var snapshot = await reader.ReadAsync(query, CancellationToken.None);

        Assert.Equal(["old", "new", "both"], snapshot.Trending.Select(t => t.ProductId));
        Assert.Equal([5.0, 4.0, 3.0], snapshot.Trending.Select(t => t.Score));
        Assert.Equal(3.0, snapshot.FactsOf("both").Popularity);
    }

    [Fact]
    public async Task Due_times_go_to_the_customers_shards_and_the_pre_shard_set_is_drained_by_claims()
    {
        var keys = new RedisKeys("due-" + Guid.NewGuid().ToString("N")[..8]);
        var schedule = new RedisSegmentSchedule(servers.Connection, keys);
        var now = DateTimeOffset.UtcNow;
        var db = servers.Connection.GetDatabase();
        await db.SortedSetAddAsync(keys.SegmentDue, "from-one-redis", now.AddMinutes(-1).ToUnixTimeMilliseconds());
        var ids = Enumerable.Range(0, 20).Select(i => $"c{i}").ToList();
        await schedule.ScheduleAsync(ids.Select(id => new Core.Lifecycle.SegmentDue(id, now.AddMinutes(-1))).ToList(), CancellationToken.None);
        Assert.True(ids.Select(schedule.KeyOf).Distinct().Count() > 1, "the customers spread over several shards");

        var first = await schedule.ClaimDueAsync(now, 15, TimeSpan.FromMinutes(5), CancellationToken.None);
        var second = await schedule.ClaimDueAsync(now, 15, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(15, first.Count);
        Assert.Equal(ids.Append("from-one-redis").Order(StringComparer.Ordinal), first.Concat(second).Order(StringComparer.Ordinal));
        Assert.Equal(0, await db.SortedSetLengthAsync(keys.SegmentDue));
        Assert.Empty(await schedule.ClaimDueAsync(now, 15, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    private int OwnerPort(string key) => servers.Cluster!.OwnerOf(ClusterSlots.Of(key));
}
