using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Host;
using Realtime.Kafka;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using ProtoEvent = Realtime.Grpc.V1.CustomerEvent;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class DeadLetterTests(Servers servers)
{
    [Fact]
    public async Task Bad_messages_land_in_the_dead_letter_topic_with_a_reason_and_the_events_after_them_are_applied()
    {
        var scope = servers.NewScope("dlq");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        CustomerEvent View(string id, int n) => new() { EventId = $"{id}-v{n}", Type = EventType.ProductViewed, CustomerId = id, OccurredAt = at.AddSeconds(n), ProductId = $"p{n}" };
        var badProtobuf = new ProtoEvent { EventId = "pb-1", Type = "review_submitted", CustomerId = "dlq1", OccurredAt = Timestamp.FromDateTimeOffset(at), Rating = 9 }.ToByteArray();
        var goodProtobuf = new ProtoEvent { EventId = "pb-2", Type = "order_placed", CustomerId = "dlq1", OccurredAt = Timestamp.FromDateTimeOffset(at.AddSeconds(10)), Total = 25 }.ToByteArray();
        var protobufHeaders = () => new Headers { { EventDecoder.ContentTypeHeader, Encoding.UTF8.GetBytes(EventDecoder.ProtobufContentType) } };

        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        using (var producer = scope.NewProducer())
        {
            // Everything for one key, so all of it sits in one partition behind the bad messages.
            void Send(byte[] value, Headers? headers = null) =>
                producer.Produce(scope.EventsTopic, new Message<string?, byte[]> { Key = "dlq1", Value = value, Headers = headers });
            Send(EventJson.Encode(View("dlq1", 1)));
            Send("{\"event_id\": \"x\", \"type\": "u8.ToArray());
            Send(Encoding.UTF8.GetBytes($$"""{"event_id":"u1","type":"teleported","customer_id":"dlq1","occurred_at":"{{at:O}}"}"""));
            Send(Encoding.UTF8.GetBytes($$"""{"event_id":"m1","type":"product_viewed","occurred_at":"{{at:O}}","product_id":"p1"}"""));
            Send(badProtobuf, protobufHeaders());
            Send(EventJson.Encode(View("dlq1", 2)));
            Send(goodProtobuf, protobufHeaders());
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var dead = ReadDeadLetters(scope, expected: 4);
        Assert.Equal(4, dead.Count);
        Assert.Contains(dead, d => d.Reason.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.Reason == "unknown event type 'teleported'");
        Assert.Contains(dead, d => d.Reason == "customer_id is required");
        Assert.Contains(dead, d => d.Reason == "rating must be 1 to 5" && d.Value.SequenceEqual(badProtobuf));
        Assert.All(dead, d => Assert.Equal(scope.EventsTopic, d.SourceTopic));
        Assert.Equal(dead.Select(d => d.SourceOffset).Distinct().Count(), dead.Count);

        await CrashRecoveryTests.WaitUntilAsync(async () => (await scope.Store.GetAsync("dlq1", CancellationToken.None))?.OrderCount == 1, TimeSpan.FromSeconds(30));
        var state = await scope.Store.GetAsync("dlq1", CancellationToken.None);
        Assert.Equal(2, state!.ViewCount);
        Assert.Equal(25, state.GrossRevenue);
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_customer_whose_state_outgrows_the_byte_budget_is_trimmed_and_the_partition_keeps_flowing()
    {
        // Valid events whose 64-character ids fill every list: ~7 KB of state against a 4 KB budget. The write used to
        // throw on every retry, stalling the partition behind it.
        var scope = servers.NewScope("budget");
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var n = 0;
        CustomerEvent Next(EventType type, string suffix) => new()
        {
            EventId = $"big-{n}",
            Type = type,
            CustomerId = "big1",
            OccurredAt = at.AddSeconds(n++),
            ProductId = $"{suffix}{n:D4}".PadRight(64, 'p'),
            Category = $"{suffix}{n:D4}".PadRight(64, 'c'),
            Price = 5,
            Quantity = 1,
        };
        var events = new List<CustomerEvent>();
        for (var i = 0; i < 16; i++)
        {
            var order = Next(EventType.OrderPlaced, "o");
            events.Add(order with { OrderId = order.EventId, Amount = 5, Lines = [new(order.ProductId!, order.Category, 1, 5)] });
        }

        events.AddRange(Enumerable.Range(0, 20).Select(_ => Next(EventType.AddedToCart, "a")).ToList());
        events.AddRange(Enumerable.Range(0, 10).Select(_ => Next(EventType.ProductViewed, "v")).ToList());
        events.Add(Next(EventType.ProductViewed, "last"));

        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        scope.Produce(events);

        await CrashRecoveryTests.WaitUntilAsync(async () => (await scope.Store.GetAsync("big1", CancellationToken.None))?.ViewCount == 11, TimeSpan.FromSeconds(30));
        var state = (await scope.Store.GetAsync("big1", CancellationToken.None))!;
        Assert.Equal(16, state.OrderCount);
        Assert.StartsWith("last", state.RecentItems[0].ProductId, StringComparison.Ordinal);
        Assert.InRange(StateCodec.Encode(state).Length, 1, StateLimits.MaxEncodedBytes);
        await engine.StopAsync();
    }

    private static List<(string Reason, string SourceTopic, long SourceOffset, byte[] Value)> ReadDeadLetters(TestScope scope, int expected)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = scope.Settings["Kafka:BootstrapServers"],
            GroupId = $"dlq-reader-{scope.GroupId}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(scope.DeadLetterTopic);
        var found = new List<(string, string, long, byte[])>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r is null)
            {
                continue;
            }

            string Header(string name) => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(name));
            found.Add((Header(DeadLetterPublisher.ReasonHeader), Header(DeadLetterPublisher.SourceTopicHeader), long.Parse(Header(DeadLetterPublisher.SourceOffsetHeader), System.Globalization.CultureInfo.InvariantCulture), r.Message.Value));
        }

        consumer.Close();
        return found;
    }
}
