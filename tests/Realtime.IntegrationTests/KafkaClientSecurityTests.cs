using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Host.Cli;
using Realtime.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>
/// <c>Kafka:Client</c> and <c>Kafka:ClientSecretFiles</c> reach every Kafka client the engine creates. A SASL broker cannot
/// run here (librdkafka's mock cluster has no SASL), so these tests check the configuration path: every config the
/// factory (<see cref="KafkaBroker"/>) hands out, and every component that builds a client, really built from it.
/// </summary>
public sealed class KafkaClientSecurityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("realtime-kafka-sec-").FullName;

    [Fact]
    public void Every_client_config_the_engine_builds_carries_the_client_settings_and_the_secret_files()
    {
        var passwordFile = Secret("kafka-password", "sasl-secret\n");
        using var broker = new KafkaBroker(Options.Create(SaslOptions(passwordFile)));

        ClientConfig[] configs = [broker.ConsumerConfig("g"), broker.ProducerConfig(), broker.DeadLetterProducerConfig(), broker.ReplayConsumerConfig()];

        Assert.All(configs, c =>
        {
            Assert.Equal("SASL_SSL", c.Get("security.protocol"));
            Assert.Equal("SCRAM-SHA-512", c.Get("sasl.mechanism"));
            Assert.Equal("realtime", c.SaslUsername);
            Assert.Equal("sasl-secret", c.SaslPassword);
            Assert.Equal("127.0.0.1:1", c.BootstrapServers);
        });
    }

    [Fact]
    public void The_training_replay_reads_the_client_settings_and_secret_files_from_configuration()
    {
        var passwordFile = Secret("kafka-password", "replay-secret");

        using var broker = KafkaReplayBroker.Create(
            ["--Kafka:Client:security.protocol=SASL_SSL", "--Kafka:Client:sasl.mechanism=PLAIN", "--Kafka:Client:sasl.username=trainer", $"--Kafka:ClientSecretFiles:sasl.password={passwordFile}", "--models", "m"],
            "127.0.0.1:1");
        var config = broker.ReplayConsumerConfig();

        Assert.Equal("SASL_SSL", config.Get("security.protocol"));
        Assert.Equal("trainer", config.SaslUsername);
        Assert.Equal("replay-secret", config.SaslPassword);
        Assert.Equal("127.0.0.1:1", config.BootstrapServers);
    }

    [Fact]
    public void Every_component_that_creates_a_kafka_client_builds_it_from_the_client_settings()
    {
        // librdkafka checks ssl.ca.location when a client is created: a component whose client ignored Kafka:Client
        // would start; each one built from it fails at once, naming the setting.
        var options = Options.Create(new KafkaOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Client = new() { ["security.protocol"] = "ssl", ["ssl.ca.location"] = Path.Combine(_dir, "no-such-ca.pem") },
        });
        using var broker = new KafkaBroker(options);

        Action[] builds =
        [
            () => new SegmentChangePublisher(broker, options).Dispose(),
            () => new DeadLetterPublisher(broker, options, TimeProvider.System).Dispose(),
            () => new DecisionPublisher(broker, options, NullLogger<DecisionPublisher>.Instance).Dispose(),
            () => new KafkaImpressionLog(broker, options, NullLogger<KafkaImpressionLog>.Instance).Dispose(),
            () => Assert.Empty(new KafkaTopicEventSource(broker, "t").ReadEvents()),
            () => new ConsumerBuilder<string, string>(broker.ConsumerConfig("ingest")).Build().Dispose(),
        ];

        Assert.All(builds, build => Assert.Contains("ssl.ca.location", Assert.ThrowsAny<Exception>(build).Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_secret_file_fails_validation_naming_the_key()
    {
        var options = SaslOptions(Path.Combine(_dir, "absent"));

        var result = new DataAnnotationValidateOptions<KafkaOptions>(Options.DefaultName).Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Kafka:ClientSecretFiles:sasl.password", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KafkaOptions SaslOptions(string passwordFile) => new()
    {
        BootstrapServers = "127.0.0.1:1",
        Client = new() { ["security.protocol"] = "SASL_SSL", ["sasl.mechanism"] = "SCRAM-SHA-512", ["sasl.username"] = "realtime" },
        ClientSecretFiles = new() { ["sasl.password"] = passwordFile },
    };

    private string Secret(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
