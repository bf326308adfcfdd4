using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>
/// Publishes segment changes to <c>realtime.segments</c>, keyed by customer id (a customer's changes stay in order on
/// one partition), as JSON (<see cref="SegmentChangeJson"/>) with header <c>content-type: application/json</c>. Uses the
/// idempotent producer with acks=all, and returns only once every message is acknowledged.
/// </summary>
public sealed class SegmentChangePublisher(KafkaBroker broker, IOptions<KafkaOptions> options) : ISegmentChangePublisher, IDisposable
{
    private static readonly byte[] s_json = "application/json"u8.ToArray();
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(5);
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(broker.ProducerConfig()).Build();

    public async Task PublishAsync(IReadOnlyList<SegmentChangeEvent> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var deliveries = new Task[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var e = changes[i];
            var message = new Message<string, byte[]> { Key = e.CustomerId, Value = SegmentChangeJson.Encode(e), Headers = [new Header("content-type", s_json)] };
            deliveries[i] = _producer.ProduceAsync(options.Value.SegmentsTopic, message, cancellationToken);
        }

        await Task.WhenAll(deliveries);
        foreach (var e in changes)
        {
            KafkaMetrics.SegmentChanges.WithLabels(e.Change.Segment.ToWire(), e.Change.Transition == SegmentTransition.Entered ? "entered" : "left").Inc();
        }
    }

    /// <summary>Delivers what is still queued (bounded: shutdown must not hang on a broker that is gone), then closes.</summary>
    public void Dispose()
    {
        _producer.Flush(s_flushTimeout);
        _producer.Dispose();
    }
}
