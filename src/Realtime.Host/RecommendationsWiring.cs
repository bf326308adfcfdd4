using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;
using Realtime.Kafka;
using Realtime.Redis;

namespace Realtime.Host;

/// <summary>
/// Wires product recommendations across the adapters: options, the Redis item statistics (read by the API, written
/// by ingest as a batch effect) and the Kafka impression log.
/// </summary>
public static class RecommendationsWiring
{
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder, AppMode mode)
    {
        builder.Services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RecommendationOptions>, RecommendationOptionsValidator>();
        builder.Services.AddOptions<ItemSignalOptions>().BindConfiguration(ItemSignalOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ItemSignalOptions>, ItemSignalOptionsValidator>();
        builder.Services.AddSingleton<ItemSignalKeys>();
        if (mode.HasFlag(AppMode.Api))
        {
            builder.Services.AddSingleton(sp =>
            {
                var signals = sp.GetRequiredService<IOptions<ItemSignalOptions>>().Value;
                return new ItemFactsCache(
                    TimeSpan.FromMilliseconds(signals.FactsCacheMilliseconds),
                    TimeSpan.FromMilliseconds(signals.ListsCacheMilliseconds),
                    sp.GetRequiredService<TimeProvider>());
            });
            builder.Services.AddSingleton<IItemSignalReader, RedisItemSignalStore>();
            builder.Services.AddSingleton<IImpressionLog, KafkaImpressionLog>();
        }

        if (mode.HasFlag(AppMode.Ingest))
        {
            builder.Services.AddSingleton<RedisItemSignalWriter>();
            builder.Services.AddSingleton<IBatchEffect, ItemSignalsEffect>();
        }

        return builder;
    }
}
