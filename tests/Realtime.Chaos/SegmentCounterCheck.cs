using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.Chaos;

/// <summary>
/// The lifecycle segment counters (<c>summary seg:*</c>) against a recount of the segment masks stored with the
/// customers. Segments move with the wall clock (a cart is abandoned an hour after its last activity, a customer goes
/// at risk when an expected gap has passed), so two runs minutes apart may rightly disagree on how many customers sit
/// in a segment; within one run, though, every counter must equal the number of customers whose stored mask holds
/// that segment — a counter applied twice after a crash, or lost, shows up here whatever the clock did.
/// </summary>
internal static class SegmentCounterCheck
{
    /// <summary>One line per segment whose counter differs from the recount; empty when they all agree.</summary>
    public static async Task<List<string>> DifferencesAsync(IConnectionMultiplexer redis, string prefix)
    {
        // The sweeper may move a customer while we scan (mask and counter are two keys): recount until the counters
        // read before and after the scan agree, so a move in flight is not reported as a miscount.
        List<string> diffs = [];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = await CountersAsync(redis, prefix);
            diffs = await RecountAsync(redis, prefix, before);
            if ((await CountersAsync(redis, prefix)).SequenceEqual(before))
            {
                break;
            }
        }

        return diffs;
    }

    private static async Task<SortedDictionary<string, double>> CountersAsync(IConnectionMultiplexer redis, string prefix)
    {
        // Summed over the counter shards, as the engine reads them.
        var all = await new RedisLifecycleCounters(redis, new RedisKeys(prefix), TimeProvider.System).ReadAllAsync(CancellationToken.None);
        return new SortedDictionary<string, double>(
            all.Where(e => e.Key.StartsWith("seg:", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value),
            StringComparer.Ordinal);
    }

    private static async Task<List<string>> RecountAsync(IConnectionMultiplexer redis, string prefix, SortedDictionary<string, double> counters)
    {
        var db = redis.GetDatabase();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var recount = SegmentNames.All.ToDictionary(s => s, _ => 0L);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":{c:*}", pageSize: 1000))
        {
            if (await db.KeyTypeAsync(key) != RedisType.Hash || await db.HashGetAsync(key, "g") is not { IsNull: false } mask)
            {
                continue;
            }

            var set = SegmentSet.FromMask((int)mask);
            foreach (var s in SegmentNames.All.Where(set.Contains))
            {
                recount[s]++;
            }
        }

        var diffs = new List<string>();
        foreach (var (segment, members) in recount)
        {
            var field = CounterKeys.Segment(segment);
            var counted = counters.GetValueOrDefault(field);
            if (counted != members)
            {
                diffs.Add($"summary {field}: {counted}, but {members} customers' stored masks hold {segment.ToWire()}");
            }
        }

        return diffs;
    }
}
