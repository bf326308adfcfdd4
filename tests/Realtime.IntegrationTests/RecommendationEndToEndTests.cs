using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Grpc.V1;
using Realtime.Host;
using Xunit.Abstractions;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

/// <summary>
/// Recommendations end to end: events through Kafka, item statistics and states in redis-server, answers over a real
/// gRPC channel, impressions back on a Kafka topic. "An event changes the next response" is checked with a bounded
/// poll (the ingest latency), never a timing assertion.
/// </summary>
[Collection(ServersCollection.Name)]
public class RecommendationEndToEndTests(Servers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static int s_next;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Bought_together_leads_then_an_order_and_a_stock_out_change_the_next_responses()
    {
        var scope = servers.NewScope("recs");
        var impressionsTopic = $"impressions-{scope.GroupId}";
        servers.Kafka.CreateTopic(impressionsTopic, 4);
        var settings = scope.Settings;
        settings["Kafka:ImpressionsTopic"] = impressionsTopic;
        settings["Recommendations:ImpressionSampleRate"] = "1";
        await using var engine = RealtimeApp.Build([], AppMode.All, settings);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new RecommendationService.RecommendationServiceClient(channel);

        // Twelve customers buy A with B, three buy A with C; D is only viewed (trending). The shopper has only browsed.
        var events = new List<CustomerEvent> { Upsert("A", true, -120), Upsert("B", true, -120), Upsert("C", true, -120), Upsert("D", true, -120) };
        for (var i = 0; i < 15; i++)
        {
            events.Add(Order($"buyer{i}", -100 + i, "A", i < 12 ? "B" : "C"));
        }

        events.Add(View("viewer", -50, "D"));
        events.Add(View("shopper", -40, "A"));
        var sent = Stopwatch.StartNew();
        scope.Produce(events);

        var first = await PollAsync(client, Ask("shopper"), sent, r => r.Items.Count >= 2 && r.Items[0].ProductId == "B" && r.Items[1].ProductId == "C");
        Assert.Equal("B", first.Items[0].ProductId);
        Assert.Equal("bought_together", first.Items[0].Reason);
        Assert.Equal("C", first.Items[1].ProductId);
        Assert.DoesNotContain(first.Items, i => i.ProductId == "A");

        // The shopper buys B: their next response drops it; other visitors still get it.
        sent.Restart();
        scope.Produce([Order("shopper", -1, "B")]);
        var afterOrder = await PollAsync(client, Ask("shopper"), sent, r => r.Items.All(i => i.ProductId != "B"));
        Assert.DoesNotContain(afterOrder.Items, i => i.ProductId == "B");
        Assert.Equal("B", (await client.RecommendAsync(Ask(null))).Items[0].ProductId);

        // B goes out of stock: nobody gets it any more.
        sent.Restart();
        scope.Produce([Upsert("B", false, 0)]);
        var anonymous = await PollAsync(client, Ask(null), sent, r => r.Items.All(i => i.ProductId != "B"));
        Assert.Equal("C", anonymous.Items[0].ProductId);
        Assert.DoesNotContain((await client.RecommendAsync(Ask("viewer"))).Items, i => i.ProductId == "B");

        // Every response was sampled (rate 1): the first one is on the impressions topic with its items and reasons.
        var impression = ConsumeImpression(impressionsTopic, scope.GroupId, first.RequestId);
        Assert.Equal("shopper", impression.GetProperty("customer_id").GetString());
        Assert.Equal("A", impression.GetProperty("context").GetProperty("product_id").GetString());
        Assert.Equal("product", impression.GetProperty("context").GetProperty("page_type").GetString());
        var top = impression.GetProperty("items")[0];
        Assert.Equal(("B", 1, "bought_together"), (top.GetProperty("product_id").GetString(), top.GetProperty("position").GetInt32(), top.GetProperty("reason").GetString()));
        Assert.True(top.GetProperty("score").GetDouble() > 0);
        Assert.True(impression.GetProperty("at").GetDateTimeOffset() > _now.AddMinutes(-5));
        await engine.StopAsync();
    }

    private static RecommendRequest Ask(string? customer) =>
        new() { CustomerId = customer ?? string.Empty, ContextProductId = "A", PageType = "product", Count = 5 };

    /// <summary>Asks until <paramref name="done"/> holds or the timeout passes (the last answer is returned either way); logs how long after the event was sent.</summary>
    private async Task<RecommendResponse> PollAsync(RecommendationService.RecommendationServiceClient client, RecommendRequest request, Stopwatch sent, Func<RecommendResponse, bool> done)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        RecommendResponse response;
        do
        {
            response = await client.RecommendAsync(request);
            if (done(response))
            {
                output.WriteLine($"response changed {sent.ElapsedMilliseconds} ms after the event was sent");
                return response;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        return response;
    }

    private JsonElement ConsumeImpression(string topic, string group, string requestId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"{group}-impressions",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + s_timeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
                {
                    using var json = JsonDocument.Parse(message.Message.Value);
                    if (json.RootElement.GetProperty("request_id").GetString() == requestId)
                    {
                        return json.RootElement.Clone();
                    }
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        Assert.Fail($"no impression with request id {requestId} on {topic} within {s_timeout}");
        return default;
    }

    private CustomerEvent Order(string customer, double minutes, params string[] items) => new()
    {
        EventId = $"r{Interlocked.Increment(ref s_next)}",
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = _now.AddMinutes(minutes),
        OrderId = $"o{s_next}",
        Lines = [.. items.Select(i => new OrderLine(i, "cat-" + i, 1, 10))],
        Amount = 10 * items.Length,
    };

    private CustomerEvent View(string customer, double minutes, string item) => new()
    {
        EventId = $"r{Interlocked.Increment(ref s_next)}",
        Type = EventType.ProductViewed,
        CustomerId = customer,
        OccurredAt = _now.AddMinutes(minutes),
        ProductId = item,
        Category = "cat-" + item,
    };

    private CustomerEvent Upsert(string item, bool inStock, double minutes) => new()
    {
        EventId = $"r{Interlocked.Increment(ref s_next)}",
        Type = EventType.ProductUpserted,
        CustomerId = string.Empty,
        OccurredAt = _now.AddMinutes(minutes),
        ProductId = item,
        Category = "cat-" + item,
        Price = 10,
        InStock = inStock,
    };
}
