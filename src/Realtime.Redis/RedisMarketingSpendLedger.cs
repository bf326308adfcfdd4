using System.Globalization;
using Prometheus;
using Realtime.Core.Acquisition;
using Realtime.Core.Events;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// The spend ledger: one hash, <c>&lt;prefix&gt;:spend</c>, with the spend per <c>&lt;channel&gt;/&lt;campaign&gt;:&lt;day&gt;</c>
/// and one <c>id:&lt;event_id&gt;</c> field per recorded event. A script records an event only when its id field is
/// new (HSETNX), in the same step as its increments, so a redelivered or re-sent <c>marketing_spend</c> adds nothing,
/// even across a crash. Spend events are few (a handful of campaigns a day), so the ids stay a small set; one key, so
/// one slot in a cluster.
/// </summary>
public sealed class RedisMarketingSpendLedger(IConnectionMultiplexer redis, RedisKeys keys) : IMarketingSpendLedger
{
    private const string IdPrefix = "id:";

    // KEYS: the ledger. ARGV: per event, its id field, the number n of shares, then n (field, amount) pairs.
    private const string RecordScript = """
        local i = 1
        local recorded = 0
        while i <= #ARGV do
          local n = tonumber(ARGV[i + 1])
          if redis.call('HSETNX', KEYS[1], ARGV[i], '1') == 1 then
            for j = 0, n - 1 do redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i + 2 + 2 * j], ARGV[i + 3 + 2 * j]) end
            recorded = recorded + 1
          end
          i = i + 2 + 2 * n
        end
        return recorded
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public string Key => $"{keys.Prefix}:spend";

    public async Task RecordAsync(IReadOnlyList<CustomerEvent> spends, CancellationToken cancellationToken)
    {
        if (spends.Count == 0)
        {
            return;
        }

        var args = new List<RedisValue>();
        foreach (var spend in spends)
        {
            var shares = SpendAllocation.Of(spend).ToList();
            args.Add(IdPrefix + spend.EventId);
            args.Add(shares.Count);
            foreach (var (field, amount) in shares)
            {
                args.Add(field);
                args.Add(amount.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        using (RedisMetrics.RoundTrip.WithLabels("record_spend").NewTimer())
        {
            await _db.ScriptEvaluateAsync(RecordScript, [Key], [.. args]).WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        using (RedisMetrics.RoundTrip.WithLabels("read_spend").NewTimer())
        {
            entries = await _db.HashGetAllAsync(Key).WaitAsync(cancellationToken);
        }

        var spend = new Dictionary<string, double>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var name = (string)e.Name!;
            if (!name.StartsWith(IdPrefix, StringComparison.Ordinal))
            {
                spend[name] = double.Parse((string)e.Value!, CultureInfo.InvariantCulture);
            }
        }

        return spend;
    }
}
