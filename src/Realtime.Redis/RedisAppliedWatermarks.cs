using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Applied watermarks in Redis, one string per source partition. <see cref="AdvanceAsync"/> is issued right after the
/// batch's state writes on the same multiplexed connection, so Redis executes (and its AOF records) the watermark
/// after the states it covers: a Redis that comes back from an older AOF or a lagging replica holds no watermark newer
/// than its states. On a Redis Cluster a partition's customers live on every primary, so the watermark is kept once
/// per primary (<see cref="RedisKeys.AppliedWatermark(string, int, string)"/>, a tag that lands on that primary), each
/// copy written after the states that primary got: whichever primary goes back, its own copy goes back with it, and
/// the partition's watermark is the lowest copy.
/// </summary>
public sealed class RedisAppliedWatermarks(IConnectionMultiplexer redis, RedisKeys keys) : IAppliedWatermarks
{
    // ARGV: first offset of the batch for this partition, next offset after it. A stored watermark behind the batch's
    // first offset means Redis lost applied events: leave it and return it. Otherwise move it forward (never back).
    private const string AdvanceScript = """
        local cur = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if cur >= 0 and cur < tonumber(ARGV[1]) then return cur end
        if tonumber(ARGV[2]) > cur then redis.call('SET', KEYS[1], ARGV[2]) end
        return -1
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<IReadOnlyDictionary<int, long>> ReadAsync(string topic, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        var copies = CopiesOf(topic, partitions);
        var reads = _db.CreateBatch();
        var pending = copies.Select(c => (c.Partition, Read: reads.StringGetAsync(c.Key))).ToList();
        reads.Execute();
        await Task.WhenAll(pending.Select(p => p.Read)).WaitAsync(cancellationToken);
        var held = new Dictionary<int, long>(partitions.Count);
        foreach (var (partition, read) in pending)
        {
            // A copy that is missing (a primary new to the cluster, or one that lost everything) says nothing.
            if (!read.Result.IsNull)
            {
                held[partition] = Math.Min((long)read.Result, held.GetValueOrDefault(partition, long.MaxValue));
            }
        }

        return held;
    }

    public async Task<IReadOnlyList<WatermarkRegression>> AdvanceAsync(string topic, IReadOnlyList<AppliedRange> ranges, CancellationToken cancellationToken)
    {
        var tags = ClusterSlots.TagPerPrimary(redis, "wm");
        var pending = new List<(AppliedRange Range, Task<RedisResult> Advance)>(ranges.Count * Math.Max(1, tags.Count));
        foreach (var r in ranges)
        {
            foreach (var key in KeysOf(topic, r.Partition, tags))
            {
                pending.Add((r, _db.ScriptEvaluateAsync(AdvanceScript, [key], [r.First, r.Next])));
            }
        }

        await Task.WhenAll(pending.Select(p => p.Advance)).WaitAsync(cancellationToken);
        var regressed = new Dictionary<int, long>();
        foreach (var (range, advance) in pending)
        {
            var held = (long)advance.Result;
            if (held >= 0)
            {
                regressed[range.Partition] = Math.Min(held, regressed.GetValueOrDefault(range.Partition, long.MaxValue));
            }
        }

        return regressed.Select(kv => new WatermarkRegression(kv.Key, kv.Value)).ToList();
    }

    private List<(int Partition, RedisKey Key)> CopiesOf(string topic, IReadOnlyCollection<int> partitions)
    {
        var tags = ClusterSlots.TagPerPrimary(redis, "wm");
        return partitions.SelectMany(p => KeysOf(topic, p, tags).Select(k => (p, k))).ToList();
    }

    // One Redis: the one key. A cluster: one copy per primary.
    private IEnumerable<RedisKey> KeysOf(string topic, int partition, IReadOnlyList<string> tags) =>
        tags.Count == 0 ? [keys.AppliedWatermark(topic, partition)] : tags.Select(t => (RedisKey)keys.AppliedWatermark(topic, partition, t));
}
