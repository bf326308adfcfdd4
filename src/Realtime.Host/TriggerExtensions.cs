using Microsoft.Extensions.Options;
using Realtime.Application.Triggers;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using Realtime.Core.Triggers;
using Realtime.Kafka;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.Host;

/// <summary>Wires triggered communications (section <c>Triggers</c>) into an ingest process.</summary>
public static class TriggerExtensions
{
    /// <summary>
    /// Options (validated at start); when <c>Triggers:Enabled</c>, the trigger store (every mode: erasure reaches it),
    /// and in ingest mode the ingest step that feeds the trigger indexes and the sweeper that publishes to <c>realtime.triggers</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTriggers(this IHostApplicationBuilder builder, AppMode mode)
    {
        builder.Services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TriggerOptions>, TriggerOptionsValidator>();
        if (!builder.Configuration.GetValue($"{TriggerOptions.SectionName}:{nameof(TriggerOptions.Enabled)}", true))
        {
            return builder;
        }

        builder.Services.AddSingleton(sp => new RedisTriggerKeys(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        builder.Services.AddSingleton<ITriggerStore>(sp => new RedisTriggerStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisTriggerKeys>()));
        builder.Services.AddSingleton(sp => new ContactPolicy(sp.GetRequiredService<IOptions<TriggerOptions>>().Value));
        // Offers read the trigger contacts so that a trigger and an offer share one daily budget (API mode).
        builder.Services.AddSingleton<ISharedContactBudgets, TriggerContactBudgets>();
        if (!mode.HasFlag(AppMode.Ingest))
        {
            return builder;
        }

        builder.Services.AddSingleton<ITriggerPublisher, TriggerPublisher>();
        builder.Services.AddSingleton(sp => new TriggerPlanner(sp.GetRequiredService<IOptions<TriggerOptions>>().Value));
        builder.Services.AddSingleton<TriggerSweeper>();
        builder.Services.AddSingleton<IBatchEffect, TriggerIngestEffect>();
        builder.Services.AddHostedService<TriggerSweepService>();
        return builder;
    }
}
