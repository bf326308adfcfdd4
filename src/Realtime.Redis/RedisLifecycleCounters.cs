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
/// Lifecycle counters in one hash (<c>&lt;prefix&gt;:summary</c>), incremented with HINCRBYFLOAT. The RFM histograms are
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
    private readonly RedisKeys _keys;
    private readonly BackgroundRefreshCache<RfmHistograms> _histograms;

    public RedisLifecycleCounters(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock, ILogger<RedisLifecycleCounters>? logger = null)
    {
        _db = redis.GetDatabase();
        _keys = keys;
        // Empty until the first read, which loads: a failed or unparsable read keeps the previous histograms.
        _histograms = new(RefreshComponent, ReadHistogramsAsync, HistogramRefresh, clock, BackgroundRefreshFailures.Hook(logger ?? NullLogger<RedisLifecycleCounters>.Instance), s_empty, initialIsFresh: false);
    }

    public string Key => $"{_keys.Prefix}:summary";

    public RfmHistograms CurrentHistograms => _histograms.Current;

    public async Task ApplyAsync(IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var pending = new List<Task>(deltas.Count);
        using (RedisMetrics.RoundTrip.WithLabels("apply_counters").NewTimer())
        {
            foreach (var d in deltas)
            {
                pending.Add(_db.HashIncrementAsync(Key, d.Key, d.Increment));
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    // KEYS: summary hash, the writer's guard. ARGV: batch id, guard TTL in seconds, then field, increment pairs.
    // All or nothing, and nothing when the guard already names this batch.
    private const string ApplyOnceScript = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then return 0 end
        for i = 3, #ARGV, 2 do redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
        return 1
        """;

    // A retry comes within minutes; a day keeps the guard far past any retry and lets a stopped writer's guard expire.
    private static readonly RedisValue s_guardSeconds = (long)TimeSpan.FromDays(1).TotalSeconds;

    /// <summary>One atomic script: a retried batch whose first try's reply was lost adds nothing again.</summary>
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

        using (RedisMetrics.RoundTrip.WithLabels("apply_counters").NewTimer())
        {
            await _db.ScriptEvaluateAsync(ApplyOnceScript, [Key, _keys.CounterGuard(Key, writer)], args).WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        using (RedisMetrics.RoundTrip.WithLabels("read_counters").NewTimer())
        {
            entries = await _db.HashGetAllAsync(Key).WaitAsync(cancellationToken);
        }

        var counters = new Dictionary<string, double>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries)
        {
            counters[e.Name!] = double.Parse((string)e.Value!, CultureInfo.InvariantCulture);
        }

        return counters;
    }

    /// <summary>Reads the histograms now (after a bulk load, so the next scores use the whole population at once).</summary>
    public Task RefreshNowAsync(CancellationToken cancellationToken) => _histograms.RefreshNowAsync(cancellationToken);

    private async Task<RfmHistograms> ReadHistogramsAsync(CancellationToken cancellationToken) =>
        RfmHistograms.FromCounters(await ReadAllAsync(cancellationToken));
}
