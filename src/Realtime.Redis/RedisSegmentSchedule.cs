using Prometheus;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// The due index as one sorted set (<c>&lt;prefix&gt;:due</c>): member = customer id, score = Unix ms of the next
/// time-driven segment change. Claims are a Lua script on that one key, so they are atomic across sweepers (and the
/// key lives on one Redis Cluster slot).
/// </summary>
public sealed class RedisSegmentSchedule(IConnectionMultiplexer redis, RedisKeys keys) : ISegmentSchedule
{
    // ARGV: now (ms), max, lease end (ms). Takes the earliest due members and pushes them to the lease end in the same
    // atomic step, so no other sweeper can take them until the lease runs out.
    private const string ClaimScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
        return ids
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async Task ScheduleAsync(IReadOnlyList<SegmentDue> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var pending = new Task[entries.Count];
        using (RedisMetrics.RoundTrip.WithLabels("schedule_segments").NewTimer())
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                pending[i] = e.At is { } at
                    ? _db.SortedSetAddAsync(keys.SegmentDue, e.CustomerId, at.ToUnixTimeMilliseconds())
                    : _db.SortedSetRemoveAsync(keys.SegmentDue, e.CustomerId);
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        RedisResult result;
        using (RedisMetrics.RoundTrip.WithLabels("claim_due").NewTimer())
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            result = await _db.ScriptEvaluateAsync(ClaimScript, [keys.SegmentDue], [nowMs, max, nowMs + (long)lease.TotalMilliseconds]).WaitAsync(cancellationToken);
        }

        return ((RedisResult[])result!).Select(r => (string)r!).ToList();
    }
}
