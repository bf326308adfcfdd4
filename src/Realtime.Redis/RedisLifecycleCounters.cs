using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Realtime.Core.Caching;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Lifecycle counters spread over <see cref="RedisKeys.SummaryShards"/> hashes (<see cref="RedisKeys.SummaryShard"/>), so on
/// a Redis Cluster no one primary takes every batch's counter update; a read sums them (and the pre-shard hash
/// <c>&lt;prefix&gt;:summary</c>, so existing data keeps counting). Incremented with HINCRBYFLOAT. The RFM histograms are
/// refreshed from it in the background at most every <see cref="HistogramRefresh"/> (a <see cref="BackgroundRefreshCache{T}"/>),
/// so scoring reads a cached copy and never waits on Redis.
/// Cross-customer counters are at-most-once under a crash between the state write and this update (bounded by one batch).
/// </summary>
public sealed class RedisLifecycleCounters : ILifecycleCounters
{
    /// <summary>The <c>component</c> label of this cache in <c>realtime_background_refresh_failures_total</c>.</summary>
    public const string RefreshComponent = "lifecycle_histograms";

    public static readonly TimeSpan HistogramRefresh = TimeSpan.FromSeconds(5);

    private static readonly RfmHistograms s_empty = RfmHistograms.FromCounters(new Dictionary<string, double>());
    private readonly IDatabase _db;
    private int _nextShard;
    private readonly BackgroundRefreshCache<RfmHistograms> _histograms;

    public RedisLifecycleCounters(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock, ILogger<RedisLifecycleCounters>? logger = null)
    {
        _db = redis.GetDatabase();
        Keys = [.. Enumerable.Range(0, RedisKeys.SummaryShards).Select(keys.SummaryShard), keys.LegacySummary];
        // Empty until the first read, which loads: a failed or unparsable read keeps the previous histograms.
        _histograms = new(RefreshComponent, ReadHistogramsAsync, HistogramRefresh, clock, BackgroundRefreshFailures.Hook(logger ?? NullLogger<RedisLifecycleCounters>.Instance), s_empty, initialIsFresh: false);
    }

    /// <summary>Every hash the counters live in: the shards, then the legacy single hash (read, never written).</summary>
    public IReadOnlyList<string> Keys { get; }

    public RfmHistograms CurrentHistograms => _histograms.Current;

    public async Task ApplyAsync(IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        // Increments add up in any shard: take turns, so no shard (and no primary) takes them all.
        var shard = Keys[(int)((uint)Interlocked.Increment(ref _nextShard) % RedisKeys.SummaryShards)];
        var pending = new List<Task>(deltas.Count);
        using (RedisMetrics.RoundTrip.WithLabels("apply_counters").NewTimer())
        {
            foreach (var d in deltas)
            {
                pending.Add(_db.HashIncrementAsync(shard, d.Key, d.Increment));
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    // KEYS: summary shard, the writer's guard in that shard. ARGV: batch id, guard TTL in seconds, then field,
    // increment pairs. All or nothing, and nothing when the guard already names this batch.
    private const string ApplyOnceScript = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then return 0 end
        for i = 3, #ARGV, 2 do redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
        return 1
        """;

    // A retry comes within minutes; a day keeps the guard far past any retry and lets a stopped writer's guard expire.
    private static readonly RedisValue s_guardSeconds = (long)TimeSpan.FromDays(1).TotalSeconds;

    /// <summary>
    /// One atomic script on one shard, chosen by the batch id: a retried batch goes to the same shard, whose guard
    /// already names it, so a batch whose first try's reply was lost adds nothing again.
    /// </summary>
    public async Task ApplyOnceAsync(string writer, long batch, IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var args = new RedisValue[2 + (2 * deltas.Count)];
        args[0] = batch;
        args[1] = s_guardSeconds;
        var i = 2;
        foreach (var d in deltas)
        {
            args[i++] = d.Key;
            args[i++] = d.Increment;
        }

        var shard = Keys[(int)((ulong)batch % RedisKeys.SummaryShards)];
        using (RedisMetrics.RoundTrip.WithLabels("apply_counters").NewTimer())
        {
            await _db.ScriptEvaluateAsync(ApplyOnceScript, [shard, RedisKeys.CounterGuard(shard, writer)], args).WaitAsync(cancellationToken);
        }
    }

    /// <summary>The counters summed over every shard (and the legacy hash), read in one pipelined round trip.</summary>
    public async Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entries in await ReadEachAsync(cancellationToken))
        {
            foreach (var e in entries)
            {
                counters[e.Name!] = counters.GetValueOrDefault(e.Name!) + double.Parse((string)e.Value!, CultureInfo.InvariantCulture);
            }
        }

        return counters;
    }

    /// <summary>
    /// Deletes the dated counters (days, ISO weeks) older than <paramref name="retentionDays"/> before
    /// <paramref name="now"/> (<see cref="CounterKeys.IsExpired"/>) from every shard, so the summary stays bounded;
    /// returns how many fields went.
    /// </summary>
    public async Task<long> RemoveExpiredAsync(DateTimeOffset now, int retentionDays, CancellationToken cancellationToken)
    {
        var shards = await ReadEachAsync(cancellationToken);
        var pending = new List<Task<long>>();
        using (RedisMetrics.RoundTrip.WithLabels("expire_counters").NewTimer())
        {
            for (var k = 0; k < shards.Length; k++)
            {
                var expired = shards[k].Where(e => CounterKeys.IsExpired(e.Name!, now, retentionDays)).Select(e => e.Name).ToArray();
                if (expired.Length > 0)
                {
                    pending.Add(_db.HashDeleteAsync(Keys[k], expired));
                }
            }

            return (await Task.WhenAll(pending).WaitAsync(cancellationToken)).Sum();
        }
    }

    private async Task<HashEntry[][]> ReadEachAsync(CancellationToken cancellationToken)
    {
        using (RedisMetrics.RoundTrip.WithLabels("read_counters").NewTimer())
        {
            var reads = _db.CreateBatch();
            var pending = Keys.Select(k => reads.HashGetAllAsync(k)).ToArray();
            reads.Execute();
            return await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Reads the histograms now (after a bulk load, so the next scores use the whole population at once).</summary>
    public Task RefreshNowAsync(CancellationToken cancellationToken) => _histograms.RefreshNowAsync(cancellationToken);

    private async Task<RfmHistograms> ReadHistogramsAsync(CancellationToken cancellationToken) =>
        RfmHistograms.FromCounters(await ReadAllAsync(cancellationToken));
}
