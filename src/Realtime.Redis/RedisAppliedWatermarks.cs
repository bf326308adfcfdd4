using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Applied watermarks in Redis, one string per source partition. <see cref="AdvanceAsync"/> is issued right after the
/// batch's state writes on the same multiplexed connection, so Redis executes (and its AOF records) the watermark
/// after the states it covers: a Redis that comes back from an older AOF or a lagging replica holds no watermark newer
/// than its states. (On a Redis Cluster the watermark and the states live on different primaries; see docs/reliability.md.)
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
        var list = partitions as IReadOnlyList<int> ?? partitions.ToList();
        var pending = new Task<RedisValue>[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            pending[i] = _db.StringGetAsync(keys.AppliedWatermark(topic, list[i]));
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken);
        var held = new Dictionary<int, long>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!pending[i].Result.IsNull)
            {
                held[list[i]] = (long)pending[i].Result;
            }
        }

        return held;
    }

    public async Task<IReadOnlyList<WatermarkRegression>> AdvanceAsync(string topic, IReadOnlyList<AppliedRange> ranges, CancellationToken cancellationToken)
    {
        var pending = new Task<RedisResult>[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            pending[i] = _db.ScriptEvaluateAsync(AdvanceScript, [keys.AppliedWatermark(topic, r.Partition)], [r.First, r.Next]);
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken);
        var regressions = new List<WatermarkRegression>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var held = (long)pending[i].Result;
            if (held >= 0)
            {
                regressions.Add(new WatermarkRegression(ranges[i].Partition, held));
            }
        }

        return regressions;
    }
}
