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

        var dead = DeadLetter.Read(scope, expected: 4);
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

    [Fact]
    public async Task Events_beyond_the_bounds_are_dead_lettered_with_a_reason_and_the_next_valid_event_is_applied()
    {
        // What a Python producer found against real processes: each of these stalled the partition or corrupted state.
        var scope = servers.NewScope("bounds");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        string Json(string id, string type, DateTimeOffset when, string fields) =>
            $$"""{"event_id":"{{id}}","type":"{{type}}","customer_id":"bounds1","occurred_at":"{{when:O}}",{{fields}}}""";
        var infiniteRefund = new ProtoEvent { EventId = "b-pb1", Type = "order_returned", CustomerId = "bounds1", OccurredAt = Timestamp.FromDateTimeOffset(at), Amount = double.PositiveInfinity }.ToByteArray();
        var infiniteCost = new ProtoEvent { EventId = "b-pb2", Type = "customer_registered", CustomerId = "bounds1", OccurredAt = Timestamp.FromDateTimeOffset(at), AcquisitionCost = double.PositiveInfinity }.ToByteArray();
        var protobufHeaders = () => new Headers { { EventDecoder.ContentTypeHeader, Encoding.UTF8.GetBytes(EventDecoder.ProtobufContentType) } };

        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        using (var producer = scope.NewProducer())
        {
            void Send(byte[] value, Headers? headers = null) =>
                producer.Produce(scope.EventsTopic, new Message<string?, byte[]> { Key = "bounds1", Value = value, Headers = headers });
            void SendJson(string json) => Send(Encoding.UTF8.GetBytes(json));
            SendJson(Json("b1", "order_placed", at, """ "order_id":"o1","total":20 """));
            SendJson("""{"event_id":"b2","type":"order_placed","customer_id":"bounds1","occurred_at":"9999-12-31T23:59:59Z","order_id":"o9","total":5}""");
            SendJson(Json("b3", "order_placed", at.AddYears(973), """ "order_id":"o10","total":5 """));
            SendJson(Json("b4", "order_placed", at, """ "order_id":"o11","total":1e308 """));
            SendJson(Json("b5", "order_placed", at, """ "order_id":"o12","lines":[{"product_id":"p1","quantity":10,"unit_price":1e308}] """));
            SendJson(Json("b6", "added_to_cart", at, """ "product_id":"p1","price":1e308,"quantity":2147483647 """));
            Send(infiniteRefund, protobufHeaders());
            Send(infiniteCost, protobufHeaders());
            SendJson(Json("b7", "order_returned", at.AddMinutes(1), """ "order_id":"unknown","amount":1000000 """));
            SendJson(Json("b8", "order_placed", at.AddMinutes(2), """ "order_id":"o1","total":500 """));
            SendJson(Json("b9", "order_placed", at.AddMinutes(3), """ "order_id":"o2","total":30 """));
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var dead = DeadLetter.Read(scope, expected: 7);
        Assert.Equal(7, dead.Count);
        Assert.Equal(2, dead.Count(d => d.Reason.Contains("ahead of the processing clock", StringComparison.Ordinal)));
        Assert.Contains(dead, d => d.Reason == "total must be a number from 0 to 1e9");
        Assert.Contains(dead, d => d.Reason == "lines[].unit_price must be a number from 0 to 1e9");
        Assert.Contains(dead, d => d.Reason.StartsWith("quantity must be", StringComparison.Ordinal) || d.Reason.StartsWith("price must be", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.Reason == "amount must be a number from 0 to 1e9" && d.Value.SequenceEqual(infiniteRefund));
        Assert.Contains(dead, d => d.Reason == "acquisition_cost must be a number from 0 to 1e9" && d.Value.SequenceEqual(infiniteCost));

        await CrashRecoveryTests.WaitUntilAsync(async () => (await scope.Store.GetAsync("bounds1", CancellationToken.None))?.OrderCount == 2, TimeSpan.FromSeconds(30));
        var state = (await scope.Store.GetAsync("bounds1", CancellationToken.None))!;
        Assert.Equal(50, state.GrossRevenue); // o1 once (its repeat with total 500 ignored) + o2
        Assert.Equal(20, state.ReturnedAmount); // the 1,000,000 refund of an unknown order clamped to the net revenue then
        Assert.Equal(30, state.NetRevenue);
        Assert.Equal(0, state.AcquisitionCost);
        Assert.True(state.LastOrderMs <= TimeUnits.ToMs(DateTimeOffset.UtcNow));
        await engine.StopAsync();
    }
}
