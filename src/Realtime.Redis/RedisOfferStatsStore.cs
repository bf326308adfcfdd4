using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Realtime.Core.Caching;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Offer statistics in <c>&lt;prefix&gt;:offers:stats</c> and budget usage in <c>&lt;prefix&gt;:offers:budget</c>, both
/// incremented by ingest (HINCRBY / HINCRBYFLOAT) and read whole (HGETALL) at most every <see cref="CacheFor"/> for
/// decisions. Cross-customer counters: at-most-once under a crash between a batch's state write and this update
/// (the redelivered batch is skipped as already applied), so a crash loses at most one batch of learning.
/// </summary>
public sealed class RedisOfferStatsStore : IOfferStatsStore
{
    /// <summary>How stale decision-time statistics and budget usage may be.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private const string RedemptionsSuffix = ":redemptions";
    private const string SpendSuffix = ":spend";
    private readonly IDatabase _db;
    private readonly OfferKeys _keys;
    private readonly BackgroundRefreshCache<OfferStats> _stats;
    private readonly BackgroundRefreshCache<IReadOnlyDictionary<string, OfferBudgetUsage>> _budget;

    public RedisOfferStatsStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock, ILogger<RedisOfferStatsStore>? logger = null)
    {
        ILogger log = logger ?? NullLogger<RedisOfferStatsStore>.Instance;
        _db = redis.GetDatabase();
        _keys = new OfferKeys(keys);
        _stats = new("offer_stats", ReadStatsAsync, CacheFor, clock, BackgroundRefreshFailures.Hook(log));
        _budget = new("offer_budget", ReadBudgetAsync, CacheFor, clock, BackgroundRefreshFailures.Hook(log));
    }

    public Task<OfferStats> GetStatsAsync(CancellationToken cancellationToken) => _stats.GetAsync(cancellationToken);

    public async Task<OfferStats> ReadStatsAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        using (RedisMetrics.RoundTrip.WithLabels("read_offer_stats").NewTimer())
        {
            entries = await _db.HashGetAllAsync(_keys.Stats).WaitAsync(cancellationToken);
        }

        return OfferStats.FromFields(entries.Select(e => new KeyValuePair<string, long>(e.Name!, (long)e.Value)));
    }

    public Task<IReadOnlyDictionary<string, OfferBudgetUsage>> GetBudgetUsageAsync(CancellationToken cancellationToken) =>
        _budget.GetAsync(cancellationToken);

    public async Task ApplyAsync(IReadOnlyCollection<StatIncrement> stats, IReadOnlyCollection<BudgetIncrement> budget, CancellationToken cancellationToken)
    {
        if (stats.Count == 0 && budget.Count == 0)
        {
            return;
        }

        var pending = new List<Task>(stats.Count + (2 * budget.Count));
        using (RedisMetrics.RoundTrip.WithLabels("apply_offer_stats").NewTimer())
        {
            foreach (var (field, delta) in stats)
            {
                pending.Add(_db.HashIncrementAsync(_keys.Stats, field, delta));
            }

            foreach (var (offerId, redemptions, spend) in budget)
            {
                pending.Add(_db.HashIncrementAsync(_keys.Budget, offerId + RedemptionsSuffix, redemptions));
                pending.Add(_db.HashIncrementAsync(_keys.Budget, offerId + SpendSuffix, spend));
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyDictionary<string, OfferBudgetUsage>> ReadBudgetAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        using (RedisMetrics.RoundTrip.WithLabels("read_offer_budget").NewTimer())
        {
            entries = await _db.HashGetAllAsync(_keys.Budget).WaitAsync(cancellationToken);
        }

        var usage = new Dictionary<string, OfferBudgetUsage>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            if (name.EndsWith(RedemptionsSuffix, StringComparison.Ordinal))
            {
                var id = name[..^RedemptionsSuffix.Length];
                usage[id] = usage.GetValueOrDefault(id) with { Redemptions = (long)entry.Value };
            }
            else if (name.EndsWith(SpendSuffix, StringComparison.Ordinal))
            {
                var id = name[..^SpendSuffix.Length];
                usage[id] = usage.GetValueOrDefault(id) with { Spend = double.Parse((string)entry.Value!, CultureInfo.InvariantCulture) };
            }
        }

        return usage;
    }
}
