namespace Realtime.Redis;

/// <summary>
/// Key layout of the item statistics (docs/recommendations.md). One product's keys share the hash tag
/// <c>{p:&lt;id&gt;}</c> and a category's the tag <c>{c:&lt;category&gt;}</c>, so a script may touch a product's list and
/// its hash together on Redis Cluster.
/// </summary>
public sealed class ItemSignalKeys(RedisKeys keys)
{
    private readonly string _prefix = keys.Prefix;

    /// <summary>Hash of a product's catalog fact (<c>cat</c>, <c>price</c>, <c>stock</c>, <c>at</c>) and counters (<c>btm</c>, <c>vtm</c>, <c>buy</c>, <c>rebuy</c>).</summary>
    public string Item(string productId) => $"{_prefix}:i:{{p:{productId}}}";

    /// <summary>Sorted set: bought-together neighbours of a product → stored score.</summary>
    public string BoughtTogether(string productId) => $"{_prefix}:bt:{{p:{productId}}}";

    /// <summary>Sorted set: viewed-together neighbours of a product → stored score.</summary>
    public string ViewedTogether(string productId) => $"{_prefix}:vt:{{p:{productId}}}";

    /// <summary>Sorted set: global trending (one member per product).</summary>
    public string Trending => $"{_prefix}:pop";

    /// <summary>Sorted set: trending inside a category.</summary>
    public string TrendingIn(string category) => $"{_prefix}:popc:{{c:{category}}}";
}
