using System.Runtime.CompilerServices;
using Prometheus;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Customer states in Redis: one hash per customer with the encoded state and the last applied (partition, offset).
/// Reads and writes are pipelined (all commands of a batch are sent before any reply is awaited), so a batch costs one
/// round trip whatever its size. Fields: <c>s</c> state bytes, <c>p</c>/<c>o</c> position, <c>g</c> published segment mask,
/// <c>v</c> the CLV counted for the customer, <c>w</c> the token of the batch that wrote it (recognises its own retried write),
/// <c>h</c> the purchase history (<see cref="PurchaseHistoryCodec"/>; in the customer's own hash, so it lives on its
/// slot, is written or refused together with the state and erased with it). Writes go through a Lua compare-and-set that refuses to move a customer's position
/// backwards: a redelivered batch or a zombie consumer cannot overwrite newer state.
/// </summary>
public sealed class RedisCustomerStateStore(IConnectionMultiplexer redis, RedisKeys keys) : ICustomerStateStore, IStoredPositions
{
    // ARGV: state bytes, partition, offset, segment mask, counted CLV, writer token, purchase history bytes ('' = leave
    // the stored one: unchanged since it was read, or the writer did not read it). Same partition and not-newer offset
    // => refuse (-1), except when this very writer already wrote this very position (a retried write whose reply was
    // lost: -2, so the caller still does its bookkeeping); otherwise write and return the segment mask replaced (0 when
    // none), so the caller sees a sweep that raced it. A different partition means the topic was repartitioned; the
    // newest writer wins then.
    private const string CompareAndSetScript = """
        local cur = redis.call('HMGET', KEYS[1], 'p', 'o', 'g', 'w')
        if cur[1] and tonumber(cur[1]) == tonumber(ARGV[2]) then
          local o = tonumber(cur[2])
          if o and o >= tonumber(ARGV[3]) then
            if o == tonumber(ARGV[3]) and cur[4] == ARGV[6] and ARGV[6] ~= '0' then return -2 end
            return -1
          end
        end
        if ARGV[7] == '' then
          redis.call('HSET', KEYS[1], 's', ARGV[1], 'p', ARGV[2], 'o', ARGV[3], 'g', ARGV[4], 'v', ARGV[5], 'w', ARGV[6])
        else
          redis.call('HSET', KEYS[1], 's', ARGV[1], 'p', ARGV[2], 'o', ARGV[3], 'g', ARGV[4], 'v', ARGV[5], 'w', ARGV[6], 'h', ARGV[7])
        end
        return tonumber(cur[3] or '0')
        """;

    // ARGV: partition, offset, segment mask. Writes the mask only while the stored position is exactly the one the
    // sweeper evaluated: a state that ingest moved on since has its own, newer segments.
    private const string MaskCompareAndSetScript = """
        local po = redis.call('HMGET', KEYS[1], 'p', 'o')
        if not po[1] or tonumber(po[1]) ~= tonumber(ARGV[1]) or tonumber(po[2]) ~= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], 'g', ARGV[3])
        return 1
        """;

    private static readonly RedisValue[] s_fields = ["s", "p", "o", "g", "v"];
    private static readonly RedisValue[] s_fieldsWithHistory = ["s", "p", "o", "g", "v", "h"];
    private static readonly RedisValue[] s_positionFields = ["p", "o", "g"];

    private readonly IDatabase _db = redis.GetDatabase();

    public Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        LoadAsync(customerIds, s_fields, cancellationToken);

    /// <summary>The states with their purchase histories: one more field of the same HMGET per customer, no extra command.</summary>
    public Task<IReadOnlyDictionary<string, CustomerState>> LoadWithHistoryAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        LoadAsync(customerIds, s_fieldsWithHistory, cancellationToken);

    private async Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, RedisValue[] fields, CancellationToken cancellationToken)
    {
        var ids = customerIds as IReadOnlyList<string> ?? customerIds.ToList();
        var pending = new Task<RedisValue[]>[ids.Count];
        using (RedisMetrics.RoundTrip.WithLabels("load_states").NewTimer())
        {
            var reads = _db.CreateBatch();
            for (var i = 0; i < ids.Count; i++)
            {
                pending[i] = reads.HashGetAsync(keys.Customer(ids[i]), fields);
            }

            reads.Execute();
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        var states = new Dictionary<string, CustomerState>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (ToState(ids[i], pending[i].Result) is { } state)
            {
                states[ids[i]] = state;
            }
        }

        return states;
    }

    /// <summary>The stored position and mask per customer: three small fields instead of the encoded state, nothing to decode.</summary>
    public async Task<IReadOnlyDictionary<string, StoredPosition>> ReadPositionsAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken)
    {
        var pending = new Task<RedisValue[]>[customerIds.Count];
        using (RedisMetrics.RoundTrip.WithLabels("read_positions").NewTimer())
        {
            var reads = _db.CreateBatch();
            for (var i = 0; i < customerIds.Count; i++)
            {
                pending[i] = reads.HashGetAsync(keys.Customer(customerIds[i]), s_positionFields);
            }

            reads.Execute();
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        var positions = new Dictionary<string, StoredPosition>(customerIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < customerIds.Count; i++)
        {
            var v = pending[i].Result;
            if (!v[0].IsNull && !v[1].IsNull)
            {
                positions[customerIds[i]] = new StoredPosition((int)v[0], (long)v[1], v[2].IsNull ? 0 : (int)v[2]);
            }
        }

        return positions;
    }

    public async Task<bool[]> SaveAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken) =>
        (await SaveReportingMasksAsync(states, cancellationToken)).Select(r => r >= 0).ToArray();

    public Task<int[]> SaveReportingMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken) =>
        SaveReportingMasksAsync(states, 0, cancellationToken);

    public async Task<int[]> SaveReportingMasksAsync(IReadOnlyList<CustomerState> states, long writerToken, CancellationToken cancellationToken)
    {
        var pending = new Task<RedisResult>[states.Count];
        using (RedisMetrics.RoundTrip.WithLabels("save_states").NewTimer())
        {
            var writes = _db.CreateBatch();
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                // The fold keeps every state within the budget (StateBudget): an oversized one here is a bug, not input.
                var bytes = StateCodec.Encode(s);
                if (bytes.Length > StateLimits.MaxEncodedBytes)
                {
                    throw new InvalidOperationException($"customer state of {bytes.Length} bytes exceeds the {StateLimits.MaxEncodedBytes}-byte cap");
                }

                // Sent with every write of a buyer's state, never skipped as "unchanged": a state the worker holds can be
                // newer than a store that was rolled back, and only a history written with each state stays that state's.
                var history = s.History is { } held ? PurchaseHistoryCodec.Encode(held) : [];
                pending[i] = writes.ScriptEvaluateAsync(CompareAndSetScript, [keys.Customer(s.CustomerId)], [bytes, s.LastPartition, s.LastOffset, s.SegmentMask, s.CountedClv, writerToken, history]);
            }

            writes.Execute();
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        var replaced = new int[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            replaced[i] = (int)pending[i].Result;
            if (replaced[i] == -1)
            {
                RedisMetrics.CasRefused.Inc();
            }
        }

        return replaced;
    }

    public async Task<bool[]> SaveSegmentMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        var pending = new Task<RedisResult>[states.Count];
        using (RedisMetrics.RoundTrip.WithLabels("save_segment_masks").NewTimer())
        {
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                pending[i] = _db.ScriptEvaluateAsync(MaskCompareAndSetScript, [keys.Customer(s.CustomerId)], [s.LastPartition, s.LastOffset, s.SegmentMask]);
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        return pending.Select(p => (int)p.Result == 1).ToArray();
    }

    public async IAsyncEnumerable<IReadOnlyList<CustomerState>> ScanAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            // Each primary holds its own slots (Redis Cluster): scan them all, replicas would only repeat them.
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            var page = new List<string>(pageSize);
            await foreach (var key in server.KeysAsync(_db.Database, keys.CustomerPattern, pageSize).WithCancellation(cancellationToken))
            {
                page.Add(keys.CustomerIdOf(key!));
                if (page.Count == pageSize)
                {
                    yield return (await LoadAsync(page, cancellationToken)).Values.ToList();
                    page.Clear();
                }
            }

            if (page.Count > 0)
            {
                yield return (await LoadAsync(page, cancellationToken)).Values.ToList();
            }
        }
    }

    public Task<CustomerState?> GetAsync(string customerId, CancellationToken cancellationToken) => GetAsync(customerId, s_fields, cancellationToken);

    /// <summary>The state with its purchase history: one more field of the same HMGET.</summary>
    public Task<CustomerState?> GetWithHistoryAsync(string customerId, CancellationToken cancellationToken) =>
        GetAsync(customerId, s_fieldsWithHistory, cancellationToken);

    private async Task<CustomerState?> GetAsync(string customerId, RedisValue[] fields, CancellationToken cancellationToken)
    {
        RedisValue[] values;
        using (RedisMetrics.RoundTrip.WithLabels("get_state").NewTimer())
        {
            values = await _db.HashGetAsync(keys.Customer(customerId), fields).WaitAsync(cancellationToken);
        }

        return ToState(customerId, values);
    }

    /// <summary>Deletes the customer's hash and every other key under its hash tag (e.g. the offer holdout record).</summary>
    public async Task<bool> DeleteAsync(string customerId, CancellationToken cancellationToken)
    {
        var key = keys.Customer(customerId);
        // ":trig" is the customer's trigger log (RedisTriggerKeys.Log): erased with the state.
        var deleted = await _db.KeyDeleteAsync([key, key + ":hx", key + ":trig"]).WaitAsync(cancellationToken);
        return deleted > 0;
    }

    private static CustomerState? ToState(string customerId, RedisValue[] values)
    {
        if (values[0].IsNull)
        {
            return null;
        }

        var state = StateCodec.Decode(customerId, (byte[])values[0]!);
        state.LastPartition = (int)values[1];
        state.LastOffset = (long)values[2];
        state.SegmentMask = values[3].IsNull ? 0 : (int)values[3];
        state.CountedClv = values[4].IsNull ? 0 : (double)values[4];
        if (values.Length > 5 && !values[5].IsNull)
        {
            state.History = PurchaseHistoryCodec.Decode((byte[])values[5]!);
        }

        return state;
    }
}
