using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Realtime.Kafka;

/// <summary>
/// Sends rejected messages to the dead-letter topic: the original key, bytes and headers, plus headers
/// <c>dlq.reason</c>, <c>dlq.source.topic</c>, <c>dlq.source.partition</c>, <c>dlq.source.offset</c> and
/// <c>dlq.failed_at</c>, so they can be inspected and replayed after an upgrade. A message the broker refuses as too
/// large goes as a truncated copy (its first <see cref="KafkaOptions.DeadLetterTruncateBytes"/> bytes) with headers
/// <c>dlq.original_size</c> and <c>dlq.sha256</c>: a dead letter that cannot be written must not stall its partition.
/// A broker that is down is another matter: that failure is transient and the caller waits it out.
/// </summary>
public sealed class DeadLetterPublisher(KafkaBroker broker, IOptions<KafkaOptions> options, TimeProvider clock) : IDisposable
{
    public const string ReasonHeader = "dlq.reason";
    public const string SourcePartitionHeader = "dlq.source.partition";
    public const string SourceOffsetHeader = "dlq.source.offset";
    public const string SourceTopicHeader = "dlq.source.topic";
    public const string OriginalSizeHeader = "dlq.original_size";
    public const string Sha256Header = "dlq.sha256";

    private const int MaxReasonChars = 512;

    private readonly IProducer<string?, byte[]?> _producer = new ProducerBuilder<string?, byte[]?>(broker.DeadLetterProducerConfig()).Build();

    /// <summary>Publishes the rejected records and waits until the broker has them all (before offsets are committed).</summary>
    public async Task PublishAsync(IReadOnlyList<(ConsumeResult<string?, byte[]?> Record, string Reason)> rejected, CancellationToken cancellationToken)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var deliveries = new Task[rejected.Count];
        for (var i = 0; i < rejected.Count; i++)
        {
            var (record, reason) = rejected[i];
            deliveries[i] = PublishOneAsync(record, reason, now, cancellationToken);
        }

        await Task.WhenAll(deliveries);
        KafkaMetrics.DeadLettered.Inc(rejected.Count);
    }

    private async Task PublishOneAsync(ConsumeResult<string?, byte[]?> record, string reason, string now, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        foreach (var h in record.Message.Headers ?? [])
        {
            headers.Add(h.Key, h.GetValueBytes());
        }

        headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(reason.Length > MaxReasonChars ? reason[..MaxReasonChars] : reason));
        headers.Add(SourceTopicHeader, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(SourcePartitionHeader, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(SourceOffsetHeader, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add("dlq.failed_at", Encoding.UTF8.GetBytes(now));
        var topic = options.Value.DeadLetterTopic;
        var value = record.Message.Value ?? [];
        if (value.Length + (record.Message.Key?.Length ?? 0) <= options.Value.DeadLetterMaxBytes)
        {
            try
            {
                await _producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers }, cancellationToken);
                return;
            }
            catch (ProduceException<string?, byte[]?> ex) when (ex.Error.Code is ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize)
            {
                // The broker's limit is lower than ours: fall through to the truncated copy.
            }
        }

        headers.Add(OriginalSizeHeader, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Sha256Header, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(value))));
        var truncated = value.AsSpan(0, Math.Min(value.Length, options.Value.DeadLetterTruncateBytes)).ToArray();
        await _producer.ProduceAsync(topic, new Message<string?, byte[]?> { Key = Truncate(record.Message.Key), Value = truncated, Headers = headers }, cancellationToken);
        KafkaMetrics.DeadLetterTruncated.Inc();
    }

    private static string? Truncate(string? key) => key is { Length: > 1024 } ? key[..1024] : key;

    public void Dispose()
    {
        // Every publish waits for its deliveries, so normally nothing is queued; a missing broker must not hold shutdown.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
