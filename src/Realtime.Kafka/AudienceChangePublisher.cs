using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Realtime.Core.Audiences;

namespace Realtime.Kafka;

/// <summary>
/// Publishes audience membership changes to <c>realtime.audiences</c> (<see cref="KafkaOptions.AudiencesTopic"/>), key =
/// customer id, JSON: <c>{"change_id","audience","customer_id","change":"joined|left","generation","at"}</c>, with the
/// idempotent producer (acks=all); returns once every message is acknowledged.
/// </summary>
public sealed class AudienceChangePublisher(KafkaBroker broker, IOptions<KafkaOptions> options) : IAudienceChangePublisher, IDisposable
{
    private static readonly byte[] s_json = "application/json"u8.ToArray();
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(5);
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(broker.ProducerConfig()).Build();

    public async Task PublishAsync(IReadOnlyList<AudienceChange> changes, CancellationToken cancellationToken)
    {
        var deliveries = new Task[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var message = new Message<string, byte[]> { Key = changes[i].CustomerId, Value = Encode(changes[i]), Headers = [new Header("content-type", s_json)] };
            deliveries[i] = _producer.ProduceAsync(options.Value.AudiencesTopic, message, cancellationToken);
        }

        await Task.WhenAll(deliveries);
    }

    /// <summary>The message body (also read by tests and consumers' docs).</summary>
    public static byte[] Encode(AudienceChange c)
    {
        using var buffer = new MemoryStream(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("change_id", c.ChangeId);
            w.WriteString("audience", c.Audience);
            w.WriteString("customer_id", c.CustomerId);
            w.WriteString("change", c.Change);
            w.WriteNumber("generation", c.Generation);
            w.WriteString("at", c.At.UtcDateTime);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        _producer.Flush(s_flushTimeout);
        _producer.Dispose();
    }
}
