using System.Globalization;
using Prometheus;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Holdout exposures as one small string per customer, <c>&lt;prefix&gt;:{c:&lt;id&gt;}:hx</c> = <c>&lt;unix ms&gt;|&lt;offer id&gt;</c>,
/// expiring with the attribution window; the hash tag keeps it on the customer's Redis Cluster slot.
/// </summary>
public sealed class RedisHoldoutExposures(IConnectionMultiplexer redis, RedisKeys keys) : IHoldoutExposures
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly OfferKeys _keys = new(keys);

    public async Task<IReadOnlyDictionary<string, HoldoutExposure>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, HoldoutExposure>(StringComparer.Ordinal);
        if (customerIds.Count == 0)
        {
            return result;
        }

        // One GET per customer, pipelined: MGET would span Redis Cluster slots.
        var ids = customerIds.ToArray();
        RedisValue[] values;
        using (RedisMetrics.RoundTrip.WithLabels("load_holdout_exposures").NewTimer())
        {
            values = await Task.WhenAll(ids.Select(id => _db.StringGetAsync(_keys.HoldoutExposure(id)))).WaitAsync(cancellationToken);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (Parse(values[i]) is { } exposure)
            {
                result[ids[i]] = exposure;
            }
        }

        return result;
    }

    public async Task SaveAsync(string customerId, HoldoutExposure exposure, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var value = exposure.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + exposure.OfferId;
        using (RedisMetrics.RoundTrip.WithLabels("save_holdout_exposure").NewTimer())
        {
            await _db.StringSetAsync(_keys.HoldoutExposure(customerId), value, keepFor).WaitAsync(cancellationToken);
        }
    }

    private static HoldoutExposure? Parse(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var text = (string)value!;
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? new HoldoutExposure(text[(bar + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : null;
    }
}
