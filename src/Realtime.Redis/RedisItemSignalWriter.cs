using System.Globalization;
using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Core.Recommendations;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Writes an <see cref="ItemSignalBatch"/> in one pipelined round trip. Increments are additive, so the batch is first
/// coalesced by (list, member): one script call per touched neighbour or category list (<c>ZINCRBY</c> each member, add
/// the owner's mass, trim with hysteresis), one <c>ZINCRBY</c> per product on the global trending set, one
/// <c>HINCRBYFLOAT</c> per product counter, one newest-wins script per catalog fact. Not idempotent: the caller writes
/// a batch once, after the customer states (at-most-once under a crash, bounded by one batch).
/// </summary>
public sealed class RedisItemSignalWriter(IConnectionMultiplexer redis, ItemSignalKeys keys, IOptions<ItemSignalOptions> options)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ItemSignalOptions _options = options.Value;
    private readonly long _epochMs = options.Value.Epoch.ToUnixTimeMilliseconds();

    /// <summary>Applies <paramref name="batch"/>; returns the number of Redis commands sent.</summary>
    public async Task<int> WriteAsync(ItemSignalBatch batch, CancellationToken cancellationToken)
    {
        var lists = new Dictionary<(SignalKind Kind, string Subject), ListUpdate>();
        var trending = new Dictionary<string, double>(StringComparer.Ordinal);
        var counters = new Dictionary<(string Item, string Field), double>();
        foreach (var inc in batch.Increments)
        {
            if (!TryStored(inc, out var stored))
            {
                RedisMetrics.ItemIncrementsDropped.Inc();
                continue;
            }

            switch (inc.Kind)
            {
                case SignalKind.BoughtTogether or SignalKind.ViewedTogether or SignalKind.CategoryPopularity:
                    if (!lists.TryGetValue((inc.Kind, inc.Subject), out var list))
                    {
                        lists[(inc.Kind, inc.Subject)] = list = new ListUpdate();
                    }

                    list.Members[inc.Item] = list.Members.GetValueOrDefault(inc.Item) + stored;
                    list.Mass += stored;
                    break;
                case SignalKind.Popularity:
                    trending[inc.Item] = trending.GetValueOrDefault(inc.Item) + stored;
                    break;
                case SignalKind.Purchases or SignalKind.Repurchases:
                    var key = (inc.Item, inc.Kind == SignalKind.Purchases ? "buy" : "rebuy");
                    counters[key] = counters.GetValueOrDefault(key) + stored;
                    break;
            }
        }

        var pending = new List<Task>(lists.Count + trending.Count + counters.Count + batch.Catalog.Count);
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

            foreach (var ((item, field), stored) in counters)
            {
                pending.Add(writes.HashIncrementAsync(keys.Item(item), field, stored));
            }

            foreach (var fact in batch.Catalog)
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

    private Task<RedisResult> AddScores(IBatch writes, SignalKind kind, string subject, ListUpdate list)
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

    /// <summary>
    /// The epoch-scaled value of an increment, or false when its time is too far from the epoch to scale (an event
    /// from years ago passes validation but cannot be stored; it is dropped and counted rather than stalling ingest).
    /// </summary>
    private bool TryStored(SignalIncrement inc, out double stored)
    {
        var halfLife = DecayScale.HalfLifeDays(inc.Kind, _options);
        var exponent = (inc.AtMs - _epochMs) / (halfLife * 86_400_000d);
        stored = Math.Abs(exponent) <= DecayScale.MaxExponent ? DecayScale.ToStored(inc, _options) : double.NaN;
        return double.IsFinite(stored);
    }

    // Round-trip format: Redis parses it with strtod, so no precision is lost on the way.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class ListUpdate
    {
        public Dictionary<string, double> Members { get; } = new(StringComparer.Ordinal);

        public double Mass { get; set; }
    }
}
