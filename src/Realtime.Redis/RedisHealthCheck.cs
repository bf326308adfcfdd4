using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>Ready when Redis answers a PING; the gRPC health service reports NOT_SERVING otherwise.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var rtt = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"redis ping {rtt.TotalMilliseconds:F2} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis unreachable", ex);
        }
    }
}
