using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Realtime.Kafka;

/// <summary>
/// Where the Kafka clients connect: the configured cluster, or (with <c>Kafka:BootstrapServers=embedded</c>) an
/// in-process broker from the registered <see cref="IEmbeddedBrokerFactory"/>, stopped with the application.
/// </summary>
public sealed class KafkaBroker : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly IEmbeddedBroker? _embedded;

    // Kafka:Client with the secret files read in, once: every config below starts from it, so a security setting
    // cannot reach one client and miss another.
    private readonly Dictionary<string, string> _client;

    public KafkaBroker(IOptions<KafkaOptions> options, IEmbeddedBrokerFactory? embeddedBrokers = null)
    {
        _options = options.Value;
        _client = _options.ResolveClientSettings();
        if (string.Equals(_options.BootstrapServers, KafkaOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            _embedded = (embeddedBrokers ?? throw new InvalidOperationException(
                $"Kafka:BootstrapServers={KafkaOptions.Embedded} needs an embedded broker, and this process registers none: set Kafka:BootstrapServers to your cluster")).Start();
            foreach (var topic in new[] { _options.EventsTopic, _options.DeadLetterTopic, _options.SegmentsTopic, _options.DecisionsTopic, _options.ImpressionsTopic })
            {
                _embedded.CreateTopic(topic, _options.EmbeddedPartitions);
            }

            BootstrapServers = _embedded.BootstrapServers;
        }
        else
        {
            BootstrapServers = _options.BootstrapServers;
        }
    }

    public string BootstrapServers { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>Creates a topic on the embedded broker (real clusters create topics through their own tooling).</summary>
    public void EnsureTopic(string topic) => _embedded?.CreateTopic(topic, _options.EmbeddedPartitions);

    public ConsumerConfig ConsumerConfig(string groupId)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(_client))
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = _options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, _options.SessionTimeoutMs / 6),
            // librdkafka's default is 500 ms per fetch of a caught-up consumer: that wait is event-to-state latency.
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
            FetchMaxBytes = _options.FetchMaxBytes,
            // A batch waiting out a Redis outage keeps polling with its partitions paused, so the default interval is
            // enough; say it here so nobody lowers it by accident.
            MaxPollIntervalMs = 300_000,
        };
        return config;
    }

    public ProducerConfig ProducerConfig() => new(new Dictionary<string, string>(_client))
    {
        BootstrapServers = BootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = _options.ProducerLingerMs,
        MessageTimeoutMs = _options.ProduceTimeoutMs,
    };

    /// <summary>The dead-letter producer: accepts any message ingest could have fetched (the broker may still refuse it).</summary>
    public ProducerConfig DeadLetterProducerConfig()
    {
        var config = ProducerConfig();
        config.MessageMaxBytes = _options.FetchMaxBytes;
        return config;
    }

    /// <summary>
    /// The training replay's consumer (<see cref="KafkaTopicEventSource"/>): assigned partitions, a throwaway group id
    /// that never commits, so ingest's group is not disturbed.
    /// </summary>
    public ConsumerConfig ReplayConsumerConfig() => new(new Dictionary<string, string>(_client))
    {
        BootstrapServers = BootstrapServers,
        GroupId = $"realtime-replay-{Guid.NewGuid():N}",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
    };

    public void Dispose() => _embedded?.Dispose();
}
