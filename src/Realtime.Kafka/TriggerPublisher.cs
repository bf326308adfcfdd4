using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Core.Triggers;

namespace Realtime.Kafka;

/// <summary>
/// Publishes triggers to <c>Triggers:Topic</c> (<c>realtime.triggers</c>), keyed by customer id, as JSON with header
/// <c>content-type: application/json</c> (fields in README, "Triggered communications"). Idempotent producer with
/// acks=all; returns only once every message is acknowledged, so the sweeper remembers a trigger only after the broker has it.
/// </summary>
public sealed class TriggerPublisher : ITriggerPublisher, IDisposable
{
    private static readonly byte[] s_json = "application/json"u8.ToArray();
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(5);

    // Here rather than in KafkaMetrics: the trigger feature's one metric stays with its publisher.
    private static readonly Counter s_published = Prometheus.Metrics.CreateCounter(
        "realtime_triggers_published_total", "Triggers published to realtime.triggers, by type.", new CounterConfiguration { LabelNames = ["type"] });

    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;

    public TriggerPublisher(KafkaBroker broker, IOptions<TriggerOptions> options)
    {
        _topic = options.Value.Topic;
        broker.EnsureTopic(_topic);
        _producer = new ProducerBuilder<string, byte[]>(broker.ProducerConfig()).Build();
    }

    public async Task PublishAsync(IReadOnlyList<TriggerMessage> triggers, CancellationToken cancellationToken)
    {
        if (triggers.Count == 0)
        {
            return;
        }

        var deliveries = new Task[triggers.Count];
        for (var i = 0; i < triggers.Count; i++)
        {
            var t = triggers[i];
            var message = new Message<string, byte[]> { Key = t.Occurrence.CustomerId, Value = Encode(t), Headers = [new Header("content-type", s_json)] };
            deliveries[i] = _producer.ProduceAsync(_topic, message, cancellationToken);
        }

        await Task.WhenAll(deliveries);
        foreach (var t in triggers)
        {
            s_published.WithLabels(t.Occurrence.Type.ToWire()).Inc();
        }
    }

    /// <summary>The message value: one JSON object (snake_case, times RFC 3339 UTC).</summary>
    public static byte[] Encode(TriggerMessage trigger)
    {
        var o = trigger.Occurrence;
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("trigger_id", o.TriggerId);
            w.WriteString("type", o.Type.ToWire());
            w.WriteString("customer_id", o.CustomerId);
            WriteOptional(w, "product_id", o.ProductId);
            WriteOptional(w, "category", o.Category);
            w.WriteString("channel", trigger.Channel);
            w.WriteString("due_at", Rfc3339(o.DueAt));
            w.WriteString("published_at", Rfc3339(trigger.PublishedAt));
            w.WriteString("reason", o.Reason);
            w.WriteStartObject("details");
            foreach (var (name, value) in o.Details)
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Delivers what is still queued (bounded: shutdown must not hang on a broker that is gone), then closes.</summary>
    public void Dispose()
    {
        _producer.Flush(s_flushTimeout);
        _producer.Dispose();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
