using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Core.Acquisition;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>Registers the Redis adapter.</summary>
public static class RedisExtensions
{
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            return TrackConnection(ConnectionMultiplexer.Connect(RedisConfiguration.Build(options)));
        });
        builder.Services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        builder.Services.AddSingleton<ICustomerStateStore, RedisCustomerStateStore>();
        builder.Services.AddSingleton<ILifecycleCounters, RedisLifecycleCounters>();
        builder.Services.AddSingleton<IMarketingSpendLedger, RedisMarketingSpendLedger>();
        builder.Services.AddSingleton<Core.Audiences.IAudienceMembership, RedisAudienceMembership>();
        builder.Services.AddSingleton<IAppliedWatermarks, RedisAppliedWatermarks>();
        builder.Services.AddSingleton<ITransientFailures, RedisTransientFailures>();
        builder.Services.AddSingleton<ISegmentSchedule, RedisSegmentSchedule>();
        builder.Services.AddSingleton<IOfferStatsStore, RedisOfferStatsStore>();
        builder.Services.AddSingleton<IHoldoutExposures, RedisHoldoutExposures>();
        builder.Services.AddSingleton<RedisClvModelStore>();
        builder.Services.AddSingleton<IClvModelStore>(sp => sp.GetRequiredService<RedisClvModelStore>());
        builder.Services.AddSingleton<IClvModelSource>(sp => sp.GetRequiredService<RedisClvModelStore>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    // Connect does not throw when Redis is down (AbortOnConnectFail = false) and commands fail one by one: the gauge
    // is what tells an operator that Redis as a whole is unreachable (alert RedisUnreachable).
    private static ConnectionMultiplexer TrackConnection(ConnectionMultiplexer redis)
    {
        redis.ConnectionFailed += (_, e) =>
        {
            // Disposing at shutdown is not Redis going away.
            if (e.ConnectionType == ConnectionType.Interactive && e.FailureType != ConnectionFailureType.ConnectionDisposed)
            {
                RedisMetrics.Connected.Set(0);
            }
        };
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                RedisMetrics.Connected.Set(redis.IsConnected ? 1 : 0);
            }
        };
        RedisMetrics.Connected.Set(redis.IsConnected ? 1 : 0);
        return redis;
    }
}
