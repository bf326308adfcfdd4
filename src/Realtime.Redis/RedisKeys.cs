namespace Realtime.Redis;

/// <summary>
/// The key layout. A customer's keys carry the hash tag <c>{c:&lt;id&gt;}</c> so Redis Cluster keeps them on one slot
/// (DESIGN §2.3).
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>How many hashes the lifecycle counters are spread over (every batch adds to one, reads sum them all).</summary>
    public const int SummaryShards = 8;

    private static readonly string[] s_summaryShardTags = Enumerable.Range(0, SummaryShards).Select(k => ClusterSlots.SpreadTag("s", k, SummaryShards)).ToArray();

    private static readonly string[] s_dueShardTags = Enumerable.Range(0, RedisSegmentSchedule.Shards).Select(k => ClusterSlots.SpreadTag("d", k, RedisSegmentSchedule.Shards)).ToArray();

    public string Prefix { get; } = prefix;

    /// <summary>Hash with the customer's encoded state (<c>s</c>) and last applied log position (<c>p</c>, <c>o</c>).</summary>
    public string Customer(string customerId) => $"{Prefix}:{{c:{customerId}}}";

    /// <summary>Pattern matching every customer key (for SCAN-based exports).</summary>
    public string CustomerPattern => $"{Prefix}:{{c:*}}";

    /// <summary>The customer id inside a customer key.</summary>
    public string CustomerIdOf(string key) => key[(Prefix.Length + 4)..^1];

    /// <summary>Sorted set of customers by the time (Unix ms) their segments next change with time alone.</summary>
    public string SegmentDue => $"{Prefix}:due";

    /// <summary>On a Redis Cluster, shard <paramref name="shard"/> of the due index (<see cref="ClusterSlots.SpreadTag"/>).</summary>
    public string SegmentDueShard(int shard) => $"{Prefix}:due:{{{s_dueShardTags[shard]}}}";

    /// <summary>String with the fitted CLV model (JSON: parameters, fitted_at, customers, log-likelihoods).</summary>
    public string ClvModel => $"{Prefix}:clv:model";

    /// <summary>
    /// String with the applied watermark of one partition of a source topic (the next offset to apply). Its own hash
    /// tag per partition, so partitions spread over a cluster's slots.
    /// </summary>
    public string AppliedWatermark(string topic, int partition) => $"{Prefix}:{{wm:{topic}:{partition}}}";

    /// <summary>
    /// On a Redis Cluster, the copy of a partition's applied watermark kept on one primary, under the hash tag
    /// <paramref name="primaryTag"/> (<c>wm:n&lt;i&gt;</c>, <see cref="ClusterSlots.TagPerPrimary"/>) that lands on it.
    /// </summary>
    public string AppliedWatermark(string topic, int partition, string primaryTag) => $"{Prefix}:{{{primaryTag}}}:{topic}:{partition}";

    /// <summary>
    /// The lifecycle counters as they were before they were sharded: one hash. Still read (and expired) and summed with
    /// the shards, never written, so a store upgraded in place keeps its counts.
    /// </summary>
    public string LegacySummary => $"{Prefix}:summary";

    /// <summary>
    /// Hash <paramref name="shard"/> of the lifecycle counters (<c>&lt;prefix&gt;:summary:{s&lt;k&gt;.&lt;j&gt;}</c>), tagged with
    /// <see cref="ClusterSlots.SpreadTag"/> so the shards split evenly over a cluster's primaries.
    /// </summary>
    public string SummaryShard(int shard) => $"{Prefix}:summary:{{{s_summaryShardTags[shard]}}}";

    /// <summary>A writer's last counted batch in one summary shard, so a retried batch counts once (same slot as the shard).</summary>
    public static string CounterGuard(string summaryShard, string writer) => $"{summaryShard}:once:{writer}";

    /// <summary>The CLV refit lease (SET NX PX), so one instance refits per interval.</summary>
    public string ClvFitLease => $"{Prefix}:clv:fit-lease";
}
