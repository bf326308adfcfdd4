using System.Globalization;
using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Core.Recommendations;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Writes item statistics in one pipelined round trip. Increments are additive, so they arrive summed by (list, member)
/// (<see cref="ItemSignalTotals"/>, of one batch or of every batch in a flush interval): one script call per touched neighbour or category list (<c>ZINCRBY</c> each member, add
/// the owner's mass, trim with hysteresis), one <c>ZINCRBY</c> per product on the global trending set, one
/// <c>HINCRBYFLOAT</c> per product counter, one newest-wins script per catalog fact. Not idempotent: the caller writes
/// totals once, after the customer states (at-most-once under a crash, bounded by one flush; docs/reliability.md).
/// </summary>
public sealed class RedisItemSignalWriter(IConnectionMultiplexer redis, ItemSignalKeys keys, IOptions<ItemSignalOptions> options)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ItemSignalOptions _options = options.Value;

    /// <summary>Applies <paramref name="batch"/>; returns the number of Redis commands sent.</summary>
    public Task<int> WriteAsync(ItemSignalBatch batch, CancellationToken cancellationToken)
    {
        var totals = new ItemSignalTotals(_options);
        totals.Add(batch);
        return WriteAsync(totals, cancellationToken);
    }

    /// <summary>Applies summed increments (<see cref="ItemSignalTotals"/>, possibly of many batches); returns the number of Redis commands sent.</summary>
    public async Task<int> WriteAsync(ItemSignalTotals totals, CancellationToken cancellationToken)
    {
        if (totals.Dropped > 0)
        {
            RedisMetrics.ItemIncrementsDropped.Inc(totals.Dropped);
        }

        var (lists, trending, counters) = (totals.Lists, totals.Trending, totals.Counters);
        var pending = new List<Task>(lists.Count + trending.Count + counters.Count + totals.Facts.Count);
        using (RedisMetrics.RoundTrip.WithLabels("write_item_signals").NewTimer())
        {
            // One IBatch: the commands reach the connection in one write instead of contending for its lock one by one.
            var writes = _db.CreateBatch();
            foreach (var ((kind, subject), list) in lists)
            {
                pending.Add(AddScores(writes, kind, subject, list));
            }

            foreach (var (item, stored) in trending)
            {
                pending.Add(writes.SortedSetIncrementAsync(keys.TrendingOf(item), item, stored));
            }

            foreach (var ((item, kind), stored) in counters)
            {
                pending.Add(writes.HashIncrementAsync(keys.Item(item), kind == SignalKind.Purchases ? "buy" : "rebuy", stored));
            }

            foreach (var fact in totals.Facts.Values)
            {
                RedisValue[] args = [fact.Category ?? string.Empty, fact.Price, fact.InStock ? 1 : 0, fact.AtMs];
                pending.Add(writes.ScriptEvaluateAsync(ItemSignalScripts.UpsertFact, [keys.Item(fact.ProductId)], args));
            }

            if (pending.Count > 0)
            {
                writes.Execute();
                await Task.WhenAll(pending).WaitAsync(cancellationToken);
            }
        }

        return pending.Count;
    }

    private Task<RedisResult> AddScores(IBatch writes, SignalKind kind, string subject, ItemSignalTotals.ListTotals list)
    {
        RedisKey[] scriptKeys = kind switch
        {
            SignalKind.BoughtTogether => [keys.BoughtTogether(subject), keys.Item(subject)],
            SignalKind.ViewedTogether => [keys.ViewedTogether(subject), keys.Item(subject)],
            _ => [keys.TrendingIn(subject)],
        };
        var cap = kind == SignalKind.CategoryPopularity ? _options.MaxCategoryTrending : _options.MaxNeighbours;
        var args = new RedisValue[3 + (2 * list.Members.Count)];
        args[0] = kind == SignalKind.BoughtTogether ? "btm" : "vtm";
        args[1] = Format(list.Mass);
        args[2] = cap;
        var i = 3;
        foreach (var (member, stored) in list.Members)
        {
            args[i++] = member;
            args[i++] = Format(stored);
        }

        return writes.ScriptEvaluateAsync(ItemSignalScripts.AddScores, scriptKeys, args);
    }

    // Round-trip format: Redis parses it with strtod, so no precision is lost on the way.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
