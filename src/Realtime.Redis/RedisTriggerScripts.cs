namespace Realtime.Redis;

/// <summary>The trigger store's Lua scripts; each touches one key, so each runs on one cluster slot.</summary>
internal static class RedisTriggerScripts
{
    // ARGV: now (ms), max, lease end (ms). As the segment due index: take the earliest due, push them to the lease end.
    public const string Claim = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
        return ids
        """;

    // ARGV: customer, next due (ms, -1 = none), lease end (ms). A score below the lease end means ingest scheduled the
    // customer while the sweep ran (a catalog trigger arrived): keep that earlier time instead of overwriting it.
    public const string Reschedule = """
        local cur = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if cur and tonumber(cur) < tonumber(ARGV[3]) then
          if tonumber(ARGV[2]) >= 0 then redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1]) end
          return 0
        end
        if tonumber(ARGV[2]) < 0 then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) end
        return 1
        """;

    // ARGV: price, in stock (0/1), category, at (ms). Newest wins; returns {'stale'}, {'new'} or {'old', price, stock, cat, at}.
    public const string ObserveProduct = """
        local at = redis.call('HGET', KEYS[1], 'at')
        if at and tonumber(at) >= tonumber(ARGV[4]) then return {'stale'} end
        local old = redis.call('HMGET', KEYS[1], 'price', 'stock', 'cat')
        redis.call('HSET', KEYS[1], 'price', ARGV[1], 'stock', ARGV[2], 'cat', ARGV[3], 'at', ARGV[4])
        if not at then return {'new'} end
        return {'old', old[1] or '0', old[2] or '1', old[3] or '', at}
        """;

    // ARGV: cap, ttl (ms), then (score, member) pairs. Keeps each member's latest time and the cap most recent members.
    // One ZADD GT per chunk of pairs, not per pair: a category's index takes thousands of pairs a batch, and each
    // redis.call costs more than the insert it makes (docs/performance.md, "Where Redis's CPU goes"). ZADD applies a
    // call's pairs in order, as the calls one by one did; a chunk stays far below Lua's unpack limit (8,000 values).
    public const string CappedIndex = """
        for i = 3, #ARGV, 1000 do redis.call('ZADD', KEYS[1], 'GT', unpack(ARGV, i, math.min(i + 999, #ARGV))) end
        local n = redis.call('ZCARD', KEYS[1])
        local cap = tonumber(ARGV[1])
        if n > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - cap - 1) end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return n
        """;
}
