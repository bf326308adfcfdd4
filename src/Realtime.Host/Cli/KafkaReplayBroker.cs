using Microsoft.Extensions.Options;
using Realtime.Kafka;

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
