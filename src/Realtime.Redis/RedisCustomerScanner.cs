using System.Runtime.CompilerServices;
using Realtime.Core.Ports;
using Realtime.Core.State;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// SCANs the customer keys (cursor based: no server-side snapshot, no blocking KEYS) and loads each page of states
/// with one pipelined round trip. A customer added or removed during the walk may or may not be seen, as with any SCAN.
/// </summary>
public sealed class RedisCustomerScanner(IConnectionMultiplexer redis, RedisKeys keys, ICustomerStateStore store) : ICustomerScanner
{
    public async IAsyncEnumerable<IReadOnlyList<CustomerState>> ScanAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new List<string>(pageSize);
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: keys.CustomerPattern, pageSize: pageSize).WithCancellation(cancellationToken))
            {
                var k = (string)key!;
                if (k.EndsWith('}'))
                {
                    ids.Add(keys.CustomerIdOf(k));
                }

                if (ids.Count >= pageSize)
                {
                    yield return await LoadPageAsync(ids, cancellationToken);
                    ids = new List<string>(pageSize);
                }
            }
        }

        if (ids.Count > 0)
        {
            yield return await LoadPageAsync(ids, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<CustomerState>> LoadPageAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var states = await store.LoadAsync(ids, cancellationToken);
        return ids.Where(states.ContainsKey).Select(id => states[id]).ToList();
    }
}
