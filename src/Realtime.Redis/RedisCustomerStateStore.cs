using Prometheus;
using Realtime.Core.Ports;
using Realtime.Core.State;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Customer states in Redis: one hash per customer with the encoded state and the last applied (partition, offset).
/// Reads and writes are pipelined (all commands of a batch are sent before any reply is awaited), so a batch costs one
/// round trip whatever its size. Writes go through a Lua compare-and-set that refuses to move a customer's position
/// backwards: a redelivered batch or a zombie consumer cannot overwrite newer state.
/// </summary>
public sealed class RedisCustomerStateStore(IConnectionMultiplexer redis, RedisKeys keys) : ICustomerStateStore
{
    // ARGV: state bytes, partition, offset. Same partition and not-newer offset => refuse (0); otherwise write (1).
    // A different partition means the topic was repartitioned; the newest writer wins then.
    private const string CompareAndSetScript = """
        local p = redis.call('HGET', KEYS[1], 'p')
        if p and tonumber(p) == tonumber(ARGV[2]) then
          local o = tonumber(redis.call('HGET', KEYS[1], 'o'))
          if o and o >= tonumber(ARGV[3]) then return 0 end
        end
        redis.call('HSET', KEYS[1], 's', ARGV[1], 'p', ARGV[2], 'o', ARGV[3])
        return 1
        """;

    private static readonly RedisValue[] s_fields = ["s", "p", "o"];

    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var ids = customerIds as IReadOnlyList<string> ?? customerIds.ToList();
        var pending = new Task<RedisValue[]>[ids.Count];
        using (RedisMetrics.RoundTrip.WithLabels("load_states").NewTimer())
        {
            for (var i = 0; i < ids.Count; i++)
            {
                pending[i] = _db.HashGetAsync(keys.Customer(ids[i]), s_fields);
            }

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

    public async Task<bool[]> SaveAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        var pending = new Task<RedisResult>[states.Count];
        using (RedisMetrics.RoundTrip.WithLabels("save_states").NewTimer())
        {
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                var bytes = StateCodec.Encode(s);
                if (bytes.Length > StateLimits.MaxEncodedBytes)
                {
                    throw new InvalidOperationException($"customer state of {bytes.Length} bytes exceeds the {StateLimits.MaxEncodedBytes}-byte cap");
                }

                pending[i] = _db.ScriptEvaluateAsync(CompareAndSetScript, [keys.Customer(s.CustomerId)], [bytes, s.LastPartition, s.LastOffset]);
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        var written = new bool[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            written[i] = (int)pending[i].Result == 1;
            if (!written[i])
            {
                RedisMetrics.CasRefused.Inc();
            }
        }

        return written;
    }

    public async Task<CustomerState?> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        RedisValue[] values;
        using (RedisMetrics.RoundTrip.WithLabels("get_state").NewTimer())
        {
            values = await _db.HashGetAsync(keys.Customer(customerId), s_fields).WaitAsync(cancellationToken);
        }

        return ToState(customerId, values);
    }

    public async Task<bool> DeleteAsync(string customerId, CancellationToken cancellationToken) =>
        await _db.KeyDeleteAsync(keys.Customer(customerId)).WaitAsync(cancellationToken);

    private static CustomerState? ToState(string customerId, RedisValue[] values)
    {
        if (values[0].IsNull)
        {
            return null;
        }

        var state = StateCodec.Decode(customerId, (byte[])values[0]!);
        state.LastPartition = (int)values[1];
        state.LastOffset = (long)values[2];
        return state;
    }
}
