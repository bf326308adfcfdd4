using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Realtime.Kafka;

/// <summary>
/// Sends rejected messages to the dead-letter topic: the original key, bytes and headers, plus headers
/// <c>dlq.reason</c>, <c>dlq.source.topic</c>, <c>dlq.source.partition</c>, <c>dlq.source.offset</c> and
/// <c>dlq.failed_at</c>, so they can be inspected and replayed after an upgrade.
/// </summary>
public sealed class DeadLetterPublisher(KafkaBroker broker, IOptions<KafkaOptions> options, TimeProvider clock) : IDisposable
{
    public const string ReasonHeader = "dlq.reason";
    public const string SourcePartitionHeader = "dlq.source.partition";
    public const string SourceOffsetHeader = "dlq.source.offset";
    public const string SourceTopicHeader = "dlq.source.topic";

    private readonly IProducer<string?, byte[]?> _producer = new ProducerBuilder<string?, byte[]?>(broker.ProducerConfig()).Build();

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
            var headers = new Headers();
            foreach (var h in record.Message.Headers ?? [])
            {
                headers.Add(h.Key, h.GetValueBytes());
            }

            headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(reason));
            headers.Add(SourceTopicHeader, Encoding.UTF8.GetBytes(record.Topic));
            headers.Add(SourcePartitionHeader, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
            headers.Add(SourceOffsetHeader, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
            headers.Add("dlq.failed_at", Encoding.UTF8.GetBytes(now));
            deliveries[i] = _producer.ProduceAsync(options.Value.DeadLetterTopic, new Message<string?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers }, cancellationToken);
        }

        await Task.WhenAll(deliveries);
        KafkaMetrics.DeadLettered.Inc(rejected.Count);
    }

    public void Dispose() => _producer.Dispose();
}
