using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>Redis is unreachable (<see cref="RedisConnectionException"/>) or did not answer within <see cref="RedisOptions.OperationTimeoutMs"/> (<see cref="RedisTimeoutException"/>).</summary>
internal sealed class RedisDependencyFailures : IDependencyFailures
{
    public bool IsUnavailable(Exception exception) => exception is RedisConnectionException or RedisTimeoutException;
}
