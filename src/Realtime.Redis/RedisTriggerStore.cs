using System.Globalization;
using Prometheus;
using Realtime.Core.Triggers;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// <see cref="ITriggerStore"/> on Redis (<see cref="RedisTriggerKeys"/>): the due index as one sorted set claimed with
/// a lease (as <see cref="RedisSegmentSchedule"/>), one hash per customer for its log, capped sorted sets for the
/// fan-out indexes. Every call is one pipelined round trip, except a product observation (one script) followed by its
/// fan-out reads.
/// </summary>
public sealed class RedisTriggerStore(IConnectionMultiplexer redis, RedisTriggerKeys keys) : ITriggerStore
{
    /// <summary>A customer's log outlives its last change by this long (a yearly trigger's sent mark must survive a year).</summary>
    public static readonly TimeSpan LogRetention = TimeSpan.FromDays(400);

    private const string SentPrefix = "s:";
    private const string PendingPrefix = "p:";
    private const string ContactsField = "c";
    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        RedisResult result;
        using (RedisMetrics.RoundTrip.WithLabels("claim_triggers").NewTimer())
        {
            result = await _db.ScriptEvaluateAsync(RedisTriggerScripts.Claim, [keys.Due], [nowMs, max, nowMs + (long)lease.TotalMilliseconds]).WaitAsync(cancellationToken);
        }

        return ((RedisResult[])result!).Select(r => (string)r!).ToList();
    }

    public Task RescheduleAsync(IReadOnlyList<TriggerDue> entries, DateTimeOffset leaseEnd, CancellationToken cancellationToken) =>
        RoundTripAsync("reschedule_triggers", entries.Select(e => (Task)_db.ScriptEvaluateAsync(
            RedisTriggerScripts.Reschedule, [keys.Due], [e.CustomerId, e.At?.ToUnixTimeMilliseconds() ?? -1, leaseEnd.ToUnixTimeMilliseconds()])), cancellationToken);

    public Task ScheduleEarlierAsync(IReadOnlyList<TriggerDue> entries, CancellationToken cancellationToken) =>
        RoundTripAsync("schedule_triggers", entries.Where(e => e.At is not null).Select(e => (Task)_db.SortedSetAddAsync(
            keys.Due, e.CustomerId, e.At!.Value.ToUnixTimeMilliseconds(), SortedSetWhen.LessThan)), cancellationToken);

    public async Task<IReadOnlyDictionary<string, TriggerLog>> LoadLogsAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var reads = customerIds.Select(id => (Id: id, Fields: _db.HashGetAllAsync(keys.Log(id)))).ToList();
        using (RedisMetrics.RoundTrip.WithLabels("load_trigger_logs").NewTimer())
        {
            await Task.WhenAll(reads.Select(r => r.Fields)).WaitAsync(cancellationToken);
        }

        var logs = new Dictionary<string, TriggerLog>(StringComparer.Ordinal);
        foreach (var (id, fields) in reads)
        {
            logs[id] = TriggerLogFields.Parse(await fields);
        }

        return logs;
    }

    public Task SaveAsync(IReadOnlyList<TriggerLogChange> changes, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        foreach (var change in changes)
        {
            var key = keys.Log(change.CustomerId);
            var set = change.Sent.Select(kv => new HashEntry(SentPrefix + kv.Key, kv.Value)).ToList();
            if (change.Contacts is { } contacts)
            {
                set.Add(new HashEntry(ContactsField, string.Join(',', contacts.Select(c => c.ToString(CultureInfo.InvariantCulture)))));
            }

            if (set.Count > 0)
            {
                writes.Add(_db.HashSetAsync(key, [.. set]));
            }

            var delete = change.RemovePending.Select(k => (RedisValue)(PendingPrefix + k)).Concat(change.ForgetSent.Select(k => (RedisValue)(SentPrefix + k))).ToArray();
            if (delete.Length > 0)
            {
                writes.Add(_db.HashDeleteAsync(key, delete));
            }

            writes.Add(_db.KeyExpireAsync(key, LogRetention));
        }

        return RoundTripAsync("save_trigger_logs", writes, cancellationToken);
    }

    public Task AddPendingAsync(IReadOnlyList<string> customerIds, PendingTrigger pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var field = PendingPrefix + pending.Key;
        var value = TriggerLogFields.Encode(pending);
        var nowMs = now.ToUnixTimeMilliseconds();
        var writes = new List<Task>(customerIds.Count * 3);
        foreach (var id in customerIds)
        {
            writes.Add(_db.HashSetAsync(keys.Log(id), field, value));
            writes.Add(_db.KeyExpireAsync(keys.Log(id), LogRetention));
            writes.Add(_db.SortedSetAddAsync(keys.Due, id, nowMs, SortedSetWhen.LessThan));
        }

        return RoundTripAsync("add_pending_triggers", writes, cancellationToken);
    }

    public async Task<ProductFacts?> ObserveProductAsync(string productId, ProductFacts facts, CancellationToken cancellationToken)
    {
        RedisResult result;
        using (RedisMetrics.RoundTrip.WithLabels("observe_product").NewTimer())
        {
            result = await _db.ScriptEvaluateAsync(
                RedisTriggerScripts.ObserveProduct, [keys.Product(productId)], [facts.Price, facts.InStock ? 1 : 0, facts.Category ?? string.Empty, facts.AtMs]).WaitAsync(cancellationToken);
        }

        var parts = (RedisResult[])result!;
        return (string?)parts[0] switch
        {
            "stale" => ProductFacts.Stale,
            "new" => null,
            _ => new ProductFacts(
                double.Parse((string)parts[1]!, CultureInfo.InvariantCulture),
                (string?)parts[2] == "1",
                (string?)parts[3] is { Length: > 0 } category ? category : null,
                long.Parse((string)parts[4]!, CultureInfo.InvariantCulture)),
        };
    }

    public Task RecordInterestAsync(IReadOnlyList<TriggerIndexEntry> entries, int cap, TimeSpan keepFor, CancellationToken cancellationToken) =>
        WriteIndexAsync("record_trigger_interest", entries, keys.Interest, cap, keepFor, cancellationToken);

    public Task RecordCategoryMembersAsync(IReadOnlyList<TriggerIndexEntry> entries, int cap, TimeSpan keepFor, CancellationToken cancellationToken) =>
        WriteIndexAsync("record_trigger_categories", entries, keys.Category, cap, keepFor, cancellationToken);

    public async Task<IReadOnlyList<string>> InterestedAsync(string productId, long sinceMs, int max, CancellationToken cancellationToken)
    {
        using (RedisMetrics.RoundTrip.WithLabels("read_trigger_index").NewTimer())
        {
            var ids = await _db.SortedSetRangeByScoreAsync(keys.Interest(productId), sinceMs, double.PositiveInfinity, Exclude.None, Order.Descending, 0, max).WaitAsync(cancellationToken);
            return ids.Select(v => (string)v!).ToList();
        }
    }

    public async Task<IReadOnlyList<string>> CategoryMembersAsync(string category, int max, CancellationToken cancellationToken)
    {
        using (RedisMetrics.RoundTrip.WithLabels("read_trigger_index").NewTimer())
        {
            var ids = await _db.SortedSetRangeByRankAsync(keys.Category(category), 0, max - 1, Order.Descending).WaitAsync(cancellationToken);
            return ids.Select(v => (string)v!).ToList();
        }
    }

    // Erasure is rare and must leave no trace: the indexes a customer is in are not listed anywhere, so every index key
    // is scanned (each primary of a cluster), a ZREM per key, pipelined per page.
    public async Task ForgetAsync(string customerId, CancellationToken cancellationToken)
    {
        var removals = new List<Task> { _db.SortedSetRemoveAsync(keys.Due, customerId), _db.KeyDeleteAsync(keys.Log(customerId)) };
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica && s.IsConnected))
        {
            foreach (var pattern in keys.IndexPatterns)
            {
                await foreach (var key in server.KeysAsync(_db.Database, pattern, 500).WithCancellation(cancellationToken))
                {
                    removals.Add(_db.SortedSetRemoveAsync(key, customerId));
                }
            }
        }

        await RoundTripAsync("forget_triggers", removals, cancellationToken);
    }

    // Coalesced per subject: one capped-index script per product or category touched by the batch.
    private Task WriteIndexAsync(
        string operation, IReadOnlyList<TriggerIndexEntry> entries, Func<string, string> keyOf, int cap, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        foreach (var group in entries.GroupBy(e => e.Subject, StringComparer.Ordinal))
        {
            var latest = group.GroupBy(e => e.CustomerId, StringComparer.Ordinal).Select(g => g.Max(e => e.AtMs) is var at ? (Customer: g.Key, At: at) : default);
            var args = new List<RedisValue> { cap, (long)keepFor.TotalMilliseconds };
            foreach (var (customer, at) in latest)
            {
                args.Add(at);
                args.Add(customer);
            }

            writes.Add(_db.ScriptEvaluateAsync(RedisTriggerScripts.CappedIndex, [keyOf(group.Key)], [.. args]));
        }

        return RoundTripAsync(operation, writes, cancellationToken);
    }

    private static async Task RoundTripAsync(string operation, IEnumerable<Task> commands, CancellationToken cancellationToken)
    {
        var pending = commands.ToList();
        if (pending.Count == 0)
        {
            return;
        }

        using (RedisMetrics.RoundTrip.WithLabels(operation).NewTimer())
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }
}
