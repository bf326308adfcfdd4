using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.History;
using Realtime.Kafka;
using Realtime.Scoring.Cli;

namespace Realtime.Host.Cli;

/// <summary>
/// The broker connection of <c>realtime train --kafka-topic</c>: the <c>Kafka</c> section from appsettings.json,
/// environment variables (<c>Kafka__Client__sasl.password</c>) and <c>--Kafka:...=value</c> arguments, validated like
/// the server's, so the replay uses the same <c>Kafka:Client</c> and <c>Kafka:ClientSecretFiles</c> settings as ingest.
/// </summary>
public static class KafkaReplayBroker
{
    /// <summary>Used when neither <c>--kafka-bootstrap</c> nor a non-embedded <c>Kafka:BootstrapServers</c> is given.</summary>
    public const string DefaultBootstrap = "127.0.0.1:9092";

    public static KafkaBroker Create(string[] args, string? bootstrap)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--Kafka:", StringComparison.OrdinalIgnoreCase)).ToArray())
            .Build();
        var options = new KafkaOptions();
        configuration.GetSection(KafkaOptions.SectionName).Bind(options);
        if (bootstrap is not null)
        {
            options.BootstrapServers = bootstrap;
        }
        else if (string.Equals(options.BootstrapServers, KafkaOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            // A fresh embedded broker is empty: there would be nothing to replay.
            options.BootstrapServers = DefaultBootstrap;
        }

        var validation = new DataAnnotationValidateOptions<KafkaOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KafkaOptions), validation.Failures);
        }

        return new KafkaBroker(Options.Create(options));
    }
}

/// <summary>
/// <c>realtime train --kafka-topic</c>'s replay for <see cref="ChurnCommands"/>: a broker built by
/// <see cref="KafkaReplayBroker"/> and the topic read from its beginning; disposing the source closes the broker.
/// </summary>
public sealed class KafkaTopicReplay : IKafkaTopicReplay
{
    public IEventSource Open(string topic, string? bootstrap, IReadOnlyList<string> configurationArguments)
    {
        KafkaBroker broker;
        try
        {
            broker = KafkaReplayBroker.Create([.. configurationArguments], bootstrap);
        }
        catch (OptionsValidationException ex)
        {
            throw new ArgumentException($"invalid Kafka settings: {string.Join("; ", ex.Failures)}", ex);
        }

        return new ReplayedTopic(broker, new KafkaTopicEventSource(broker, topic));
    }

    private sealed class ReplayedTopic(KafkaBroker broker, KafkaTopicEventSource topic) : IEventSource, IDisposable
    {
        public string Description => topic.Description;

        public IEnumerable<CustomerEvent> ReadEvents() => topic.ReadEvents();

        public void Dispose() => broker.Dispose();
    }
}
