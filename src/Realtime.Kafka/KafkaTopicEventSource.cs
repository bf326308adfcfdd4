using Confluent.Kafka;
using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Kafka;

/// <summary>
/// Replays a Kafka topic from the beginning as an event history (for training sets): assigns every partition at its
/// earliest offset without joining a consumer group (nothing is committed, ingest is not disturbed) and reads up to
/// the high watermark seen at the start. Invalid records are skipped, as ingest sends them to the DLQ.
/// Events come out per partition in log order, merged by <c>occurred_at</c>. The consumer is built from
/// <see cref="KafkaBroker.ReplayConsumerConfig"/>, so <c>Kafka:Client</c> (security settings included) applies to it as to
/// every other client.
/// </summary>
public sealed class KafkaTopicEventSource(KafkaBroker broker, string topic) : IEventSource
{
    public string Description => $"kafka topic {topic} at {broker.BootstrapServers}";

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        var config = broker.ReplayConsumerConfig();
        using var consumer = new ConsumerBuilder<string?, byte[]?>(config).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var pending = partitions.Where(p => ends[p] > 0).ToHashSet();
        consumer.Assign(pending.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var events = new List<CustomerEvent>();
        // Replays history, so the wall clock is the processing time: what ingest rejected as future-dated stays out.
        var now = TimeProvider.System.GetUtcNow();
        while (pending.Count > 0)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"no records from {topic} for 10 s before its end");
            if (EventDecoder.Decode(record.Message.Headers, record.Message.Value, now, EventLimits.DefaultMaxFutureSkew).Event is { } e)
            {
                events.Add(e);
            }

            if (record.Offset.Value + 1 >= ends[record.TopicPartition])
            {
                pending.Remove(record.TopicPartition);
            }
        }

        consumer.Close();
        return events.OrderBy(e => e.OccurredAt);
    }
}
