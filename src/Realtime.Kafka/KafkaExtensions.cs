using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>Registers the Kafka adapter.</summary>
public static class KafkaExtensions
{
    /// <summary>Broker connection and producers (every process that talks to Kafka).</summary>
    public static IHostApplicationBuilder AddKafka(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        builder.Services.AddOptions<PurchaseHistoryOptions>().BindConfiguration(PurchaseHistoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<KafkaBroker>();
        builder.Services.AddSingleton<ITransientFailures, KafkaTransientFailures>();
        builder.Services.AddSingleton<DeadLetterPublisher>();
        builder.Services.AddSingleton<ISegmentChangePublisher, SegmentChangePublisher>();
        builder.Services.AddSingleton<IDecisionPublisher, DecisionPublisher>();
        builder.Services.AddSingleton<IErasurePublisher, ErasurePublisher>();
        builder.Services.AddSingleton<Core.Audiences.IAudienceChangePublisher, AudienceChangePublisher>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The ingest consumer as a hosted service.</summary>
    public static IHostApplicationBuilder AddIngestWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestStatus>();
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddHealthChecks().AddCheck<IngestHealthCheck>("ingest", tags: ["ingest"]);
        return builder;
    }
}
