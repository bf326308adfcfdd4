using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Redis failures that are the server's or the network's, not the record's: no connection, a timeout, a server that is
/// loading its data set or read-only while a replica is promoted. A script error (<c>ERR ...</c>) is not transient.
/// </summary>
public sealed class RedisTransientFailures : ITransientFailures
{
    public string? TransientReason(Exception exception) => exception switch
    {
        RedisConnectionException => "redis_connection",
        RedisTimeoutException => "redis_timeout",
        RedisServerException e when IsServerTransient(e.Message) => "redis_unavailable",
        _ => null,
    };

    private static bool IsServerTransient(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("BUSY", StringComparison.Ordinal);
}
