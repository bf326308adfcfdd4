namespace Realtime.Redis;

/// <summary>The Lua scripts of the item-statistics writer (sent as EVALSHA once loaded; StackExchange.Redis caches them).</summary>
internal static class ItemSignalScripts
{
    /// <summary>
    /// KEYS[1] = a neighbour or trending sorted set, optional KEYS[2] = the owner's hash (same hash tag).
    /// ARGV[1] = mass field of KEYS[2] (ignored without it), ARGV[2] = mass increment, ARGV[3] = cap,
    /// ARGV[4..] = member, increment pairs. Adds every increment, then trims back to the cap's best members once the
    /// set holds more than twice the cap (hysteresis: a new member gets time to climb before it competes).
    /// </summary>
    public const string AddScores = """
        for i = 4, #ARGV, 2 do
          redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i])
        end
        if #KEYS > 1 then
          redis.call('HINCRBYFLOAT', KEYS[2], ARGV[1], ARGV[2])
        end
        local cap = tonumber(ARGV[3])
        if redis.call('ZCARD', KEYS[1]) > 2 * cap then
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(cap + 1))
        end
        return 1
        """;

    /// <summary>
    /// KEYS[1] = a product's hash; ARGV = category ('' = none), price, in stock (1/0), at (Unix ms). The newest fact
    /// wins: a fact older than the stored one is refused (0), an equal or newer one written (1).
    /// </summary>
    public const string UpsertFact = """
        local at = redis.call('HGET', KEYS[1], 'at')
        if at and tonumber(at) > tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', KEYS[1], 'price', ARGV[2], 'stock', ARGV[3], 'at', ARGV[4])
        if ARGV[1] == '' then
          redis.call('HDEL', KEYS[1], 'cat')
        else
          redis.call('HSET', KEYS[1], 'cat', ARGV[1])
        end
        return 1
        """;
}
