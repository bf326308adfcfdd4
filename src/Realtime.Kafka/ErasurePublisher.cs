using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Privacy;

namespace Realtime.Kafka;

/// <summary>
/// Propagates an erasure on <c>realtime.segments</c>, keyed by customer id (so it lands on the partition of the
/// customer's segment changes, after them): first the <c>customer_forgotten</c> JSON record (headers
/// <c>content-type: application/json</c>, <c>realtime-type: customer_forgotten</c>), then a tombstone (null value), so
/// a compacted topic eventually drops everything it held for the key, the record included. Idempotent producer with
/// acks=all: the two stay in order, and the call returns once both are acknowledged.
/// </summary>
public sealed class ErasurePublisher(KafkaBroker broker, IOptions<KafkaOptions> options) : IErasurePublisher, IDisposable
{
    /// <summary>The header that tells a <c>customer_forgotten</c> record from a segment change (which has none).</summary>
    public const string TypeHeader = "realtime-type";

    private static readonly byte[] s_json = "application/json"u8.ToArray();
    private static readonly byte[] s_type = System.Text.Encoding.UTF8.GetBytes(CustomerForgottenJson.Type);
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(5);
    private readonly IProducer<string, byte[]?> _producer = new ProducerBuilder<string, byte[]?>(broker.ProducerConfig()).Build();

    public async Task PublishAsync(CustomerForgotten record, CancellationToken cancellationToken)
    {
        var topic = options.Value.SegmentsTopic;
        var forgotten = new Message<string, byte[]?>
        {
            Key = record.CustomerId,
            Value = CustomerForgottenJson.Encode(record),
            Headers = [new Header("content-type", s_json), new Header(TypeHeader, s_type)],
        };
        var tombstone = new Message<string, byte[]?> { Key = record.CustomerId, Value = null };
        await Task.WhenAll(_producer.ProduceAsync(topic, forgotten, cancellationToken), _producer.ProduceAsync(topic, tombstone, cancellationToken));
    }

    /// <summary>Delivers what is still queued (bounded), then closes.</summary>
    public void Dispose()
    {
        _producer.Flush(s_flushTimeout);
        _producer.Dispose();
    }
}
