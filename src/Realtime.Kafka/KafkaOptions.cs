using System.ComponentModel.DataAnnotations;

namespace Realtime.Kafka;

/// <summary>Kafka topics, consumer group and batching (section <c>Kafka</c>).</summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string SectionName = "Kafka";

    /// <summary>The value of <see cref="BootstrapServers"/> that starts the in-process mock broker.</summary>
    public const string Embedded = "embedded";

    /// <summary>
    /// Broker addresses (<c>host:port,...</c>), or <c>embedded</c> (default) for librdkafka's in-process mock cluster,
    /// which the demo and tests use. Any other value talks to a real Kafka cluster with the same code.
    /// </summary>
    [Required]
    public string BootstrapServers { get; set; } = Embedded;

    /// <summary>Topic of store events. Default <c>realtime.events</c>.</summary>
    [Required]
    public string EventsTopic { get; set; } = "realtime.events";

    /// <summary>Dead-letter topic for malformed or rejected events. Default <c>realtime.dlq</c>.</summary>
    [Required]
    public string DeadLetterTopic { get; set; } = "realtime.dlq";

    /// <summary>Topic of segment entered/left events. Default <c>realtime.segments</c>.</summary>
    [Required]
    public string SegmentsTopic { get; set; } = "realtime.segments";

    /// <summary>Topic of named audiences' joined/left changes (JSON, key = customer id). Default <c>realtime.audiences</c>.</summary>
    [Required]
    public string AudiencesTopic { get; set; } = "realtime.audiences";

    /// <summary>Topic of offer decisions (one JSON message per decision, key = customer id). Default <c>realtime.decisions</c>.</summary>
    [Required]
    public string DecisionsTopic { get; set; } = "realtime.decisions";
    /// <summary>Topic of sampled recommendation impressions. Default <c>realtime.impressions</c>.</summary>
    [Required]
    public string ImpressionsTopic { get; set; } = "realtime.impressions";

    /// <summary>Ingest consumer group. Default <c>realtime-ingest</c>.</summary>
    [Required]
    public string GroupId { get; set; } = "realtime-ingest";

    /// <summary>Most events folded per batch. Default 2000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2000;

    /// <summary>How long a batch waits to fill once its first event arrived, in ms. Default 5.</summary>
    [Range(0, 10_000)]
    public int MaxBatchWaitMs { get; set; } = 5;

    /// <summary>
    /// Longest a caught-up ingest fetch waits at the broker for records, in ms (librdkafka <c>fetch.wait.max.ms</c>).
    /// An event that arrives just after an empty fetch waits up to this long before it is fetched: event-to-state
    /// latency. Lower costs the broker more idle fetch requests. Default 10.
    /// </summary>
    [Range(1, 500)]
    public int FetchWaitMaxMs { get; set; } = 10;

    /// <summary>
    /// How long the engine's producers (segment changes, triggers, decisions, dead letters) hold a message to batch it,
    /// in ms (librdkafka <c>linger.ms</c>). Ingest awaits a batch's segment changes before writing its states, so this
    /// wait is on every batch's path; with 0, librdkafka still batches what is queued while a request is in flight.
    /// Default 0 (was 2: 2 ms of every batch's publish step, docs/performance.md "Freshness").
    /// </summary>
    [Range(0, 1_000)]
    public int ProducerLingerMs { get; set; }

    /// <summary>
    /// Consumer session timeout in ms. A crashed member's partitions move after this long. Default 6000
    /// (Kafka's 45 s default makes a restarted member wait ~45 s; 3000 is fine on a quiet network).
    /// </summary>
    [Range(1000, 300_000)]
    public int SessionTimeoutMs { get; set; } = 6000;

    /// <summary>Partitions of each topic the embedded broker creates. Default 4.</summary>
    [Range(1, 256)]
    public int EmbeddedPartitions { get; set; } = 4;

    /// <summary>
    /// Largest fetch the ingest consumer makes, in bytes (librdkafka <c>fetch.max.bytes</c>); also the dead-letter
    /// producer's <c>message.max.bytes</c>, so anything ingest could read, the engine can try to dead-letter. Default 52428800.
    /// </summary>
    [Range(1_000_000, 1_000_000_000)]
    public int FetchMaxBytes { get; set; } = 52_428_800;

    /// <summary>
    /// Largest dead-letter copy sent whole, in bytes; a larger message goes as a truncated copy (Kafka brokers refuse
    /// messages over their own <c>message.max.bytes</c>, 1 MB by default). Default 1000000.
    /// </summary>
    [Range(1024, 1_000_000_000)]
    public int DeadLetterMaxBytes { get; set; } = 1_000_000;

    /// <summary>
    /// How much of a message the broker refuses as too large is kept in its dead-letter copy, in bytes. Default 65536.
    /// </summary>
    [Range(1024, 1_000_000)]
    public int DeadLetterTruncateBytes { get; set; } = 65_536;

    /// <summary>
    /// How long a producer keeps trying to deliver one message before failing it, in ms (librdkafka
    /// <c>message.timeout.ms</c>). A failure past it is transient and the batch is retried. Default 30000.
    /// </summary>
    [Range(1000, 900_000)]
    public int ProduceTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// Extra librdkafka settings for every client the engine creates: the ingest consumer, every producer, the demo's
    /// producer and the training replay (e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>,
    /// <c>ssl.ca.location</c>). A secret can come from the environment (<c>Kafka__Client__sasl.password</c>) or from
    /// <see cref="ClientSecretFiles"/>. Default none.
    /// </summary>
    public Dictionary<string, string> Client { get; set; } = [];

    /// <summary>
    /// librdkafka settings whose value is the content of a file (e.g. <c>Kafka:ClientSecretFiles:sasl.password=/run/secrets/kafka</c>),
    /// read once at start (trailing newline trimmed), so a password need not sit in configuration. A key may not also be in
    /// <see cref="Client"/>; a missing file fails start-up. Default none.
    /// </summary>
    public Dictionary<string, string> ClientSecretFiles { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, path) in ClientSecretFiles)
        {
            if (Client.ContainsKey(key))
            {
                yield return new ValidationResult($"Kafka:ClientSecretFiles:{key} and Kafka:Client:{key} are both set; set one", [nameof(ClientSecretFiles)]);
            }

            if (!File.Exists(path))
            {
                yield return new ValidationResult($"Kafka:ClientSecretFiles:{key}: file '{path}' does not exist or is not readable", [nameof(ClientSecretFiles)]);
            }
        }
    }

    /// <summary><see cref="Client"/> with the values of <see cref="ClientSecretFiles"/> read in: what every client is built from.</summary>
    public Dictionary<string, string> ResolveClientSettings()
    {
        var settings = new Dictionary<string, string>(Client, StringComparer.Ordinal);
        foreach (var (key, path) in ClientSecretFiles)
        {
            try
            {
                settings[key] = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Names the key and the file, never the content.
                throw new InvalidOperationException($"Kafka:ClientSecretFiles:{key} '{path}' could not be read: {e.GetType().Name}", e);
            }
        }

        return settings;
    }
}
