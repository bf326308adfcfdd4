using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Key layout of the item statistics (docs/recommendations.md). One product's keys share the hash tag
/// <c>{p:&lt;id&gt;}</c> and a category's the tag <c>{c:&lt;category&gt;}</c>, so a script may touch a product's list and
/// its hash together on Redis Cluster.
/// Global trending, one key on a single Redis, is spread over <see cref="TrendingShards"/> sorted sets on a Redis
/// Cluster (the multiplexer <c>redis</c> tells which), so no one primary takes every product's popularity update.
/// </summary>
public sealed class ItemSignalKeys(RedisKeys keys, IConnectionMultiplexer? redis = null)
{
    private readonly string _prefix = keys.Prefix;

    /// <summary>Hash of a product's catalog fact (<c>cat</c>, <c>price</c>, <c>stock</c>, <c>at</c>) and counters (<c>btm</c>, <c>vtm</c>, <c>buy</c>, <c>rebuy</c>).</summary>
    public string Item(string productId) => $"{_prefix}:i:{{p:{productId}}}";

    /// <summary>Sorted set: bought-together neighbours of a product → stored score.</summary>
    public string BoughtTogether(string productId) => $"{_prefix}:bt:{{p:{productId}}}";

    /// <summary>Sorted set: viewed-together neighbours of a product → stored score.</summary>
    public string ViewedTogether(string productId) => $"{_prefix}:vt:{{p:{productId}}}";

    /// <summary>How many sorted sets global trending is spread over on a cluster (a product's member lives in one, by its id).</summary>
    public const int TrendingShards = 8;

    private static readonly string[] s_trendingTags = Enumerable.Range(0, TrendingShards).Select(k => ClusterSlots.SpreadTag("t", k, TrendingShards)).ToArray();

    /// <summary>
    /// Global trending as it was before it was sharded: one sorted set. Still read (summed with the shards), never
    /// written, so a store upgraded in place keeps its popularity until it decays. Also the name the merged list is
    /// cached under.
    /// </summary>
    public string Trending => $"{_prefix}:pop";

    /// <summary>Sorted set: shard <paramref name="shard"/> of global trending (<see cref="ClusterSlots.SpreadTag"/>: the shards split over a cluster's primaries).</summary>
    public string TrendingShard(int shard) => $"{_prefix}:pop:{{{s_trendingTags[shard]}}}";

    private readonly ClusterMode _mode = new(redis);

    /// <summary>
    /// Whether trending is sharded: on a Redis Cluster. On one Redis a shard would only add commands to every read, so
    /// trending stays the one key <see cref="Trending"/> there.
    /// </summary>
    public bool ShardsTrending => _mode.IsCluster;

    /// <summary>The sorted set that takes <paramref name="productId"/>'s popularity: its shard, or <see cref="Trending"/>.</summary>
    public string TrendingOf(string productId) => ShardsTrending ? TrendingShard(ShardOf(productId)) : Trending;

    /// <summary>Which trending shard holds <paramref name="productId"/>.</summary>
    public static int ShardOf(string productId) => ClusterSlots.Of(productId) % TrendingShards;

    /// <summary>Sorted set: trending inside a category.</summary>
    public string TrendingIn(string category) => $"{_prefix}:popc:{{c:{category}}}";
}
