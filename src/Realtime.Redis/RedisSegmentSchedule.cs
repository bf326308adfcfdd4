using Prometheus;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// The due index: member = customer id, score = Unix ms of the next time-driven segment change. On one Redis it is
/// one sorted set (<c>&lt;prefix&gt;:due</c>); on a Redis Cluster <see cref="Shards"/> of them
/// (<see cref="RedisKeys.SegmentDueShard"/>, a customer in one by its id), so no one primary takes every batch's
/// updates. Claims are a Lua script on one set at a time, so they are atomic across sweepers.
/// </summary>
public sealed class RedisSegmentSchedule(IConnectionMultiplexer redis, RedisKeys keys) : ISegmentSchedule
{
    /// <summary>How many sorted sets the index is spread over on a cluster.</summary>
    public const int Shards = 8;

    // ARGV: now (ms), max, lease end (ms). Takes the earliest due members and pushes them to the lease end in the same
    // atomic step, so no other sweeper can take them until the lease runs out.
    private const string ClaimScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
        return ids
        """;

    // The pre-shard set on a cluster (a store moved from one Redis): claimed members leave it, since the sweeper
    // reschedules them into their shards. A sweeper that dies right after loses those due times until the customer's
    // next event.
    private const string DrainScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do redis.call('ZREM', KEYS[1], id) end
        return ids
        """;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ClusterMode _mode = new(redis);
    private int _nextShard;

    /// <summary>The sorted set that holds <paramref name="customerId"/>'s due time.</summary>
    public string KeyOf(string customerId) =>
        _mode.IsCluster ? keys.SegmentDueShard(ClusterSlots.Of(customerId) % Shards) : keys.SegmentDue;

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
                var key = KeyOf(e.CustomerId);
                pending[i] = e.At is { } at
                    ? _db.SortedSetAddAsync(key, e.CustomerId, at.ToUnixTimeMilliseconds())
                    : _db.SortedSetRemoveAsync(key, e.CustomerId);
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> due customers: from the one set, or on a cluster from the shards in turn (starting
    /// one further each sweep, so no shard waits behind the others) and then the pre-shard set.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var leaseEnd = nowMs + (long)lease.TotalMilliseconds;
        using (RedisMetrics.RoundTrip.WithLabels("claim_due").NewTimer())
        {
            if (!_mode.IsCluster)
            {
                return await ClaimAsync(ClaimScript, keys.SegmentDue, nowMs, max, leaseEnd, cancellationToken);
            }

            var claimed = new List<string>();
            var first = (int)((uint)Interlocked.Increment(ref _nextShard) % Shards);
            for (var i = 0; i < Shards && claimed.Count < max; i++)
            {
                claimed.AddRange(await ClaimAsync(ClaimScript, keys.SegmentDueShard((first + i) % Shards), nowMs, max - claimed.Count, leaseEnd, cancellationToken));
            }

            if (claimed.Count < max)
            {
                claimed.AddRange(await ClaimAsync(DrainScript, keys.SegmentDue, nowMs, max - claimed.Count, leaseEnd, cancellationToken));
            }

            return claimed;
        }
    }

    private async Task<List<string>> ClaimAsync(string script, string key, long nowMs, int max, long leaseEnd, CancellationToken cancellationToken)
    {
        var result = await _db.ScriptEvaluateAsync(script, [key], [nowMs, max, leaseEnd]).WaitAsync(cancellationToken);
        return ((RedisResult[])result!).Select(r => (string)r!).ToList();
    }
}
