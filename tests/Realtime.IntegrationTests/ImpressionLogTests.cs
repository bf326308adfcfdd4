using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Core.Recommendations;
using Realtime.Kafka;

namespace Realtime.IntegrationTests;

public sealed class ImpressionLogTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 23, 10, 15, 0, 123, TimeSpan.Zero);

    [Fact]
    public void An_impression_is_one_json_object_with_positions_from_one_and_null_for_an_anonymous_visitor()
    {
        var impression = new RecommendationImpression("r1", null, "p7", "product", null,
            [new Recommendation("p8", 1.25, RecommendationReason.BoughtTogether), new Recommendation("p9", 0.5, RecommendationReason.Trending)], s_at);

        using var json = JsonDocument.Parse(ImpressionJson.Encode(impression));
        var root = json.RootElement;
        Assert.Equal("r1", root.GetProperty("request_id").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("customer_id").ValueKind);
        Assert.Equal("p7", root.GetProperty("context").GetProperty("product_id").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("context").GetProperty("category").ValueKind);
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1, 2], items.Select(i => i.GetProperty("position").GetInt32()));
        Assert.Equal(["bought_together", "trending"], items.Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal(1.25, items[0].GetProperty("score").GetDouble());
        Assert.Equal("2026-11-23T10:15:00.123Z", root.GetProperty("at").GetString());
    }

    [Fact]
    public void Recording_never_throws_or_waits_when_no_broker_answers()
    {
        var options = Options.Create(new KafkaOptions { BootstrapServers = "127.0.0.1:1" });
        using var broker = new KafkaBroker(options);
        using var log = new KafkaImpressionLog(broker, options, NullLogger<KafkaImpressionLog>.Instance);
        var impression = new RecommendationImpression("r1", "c1", null, "home", null, [new Recommendation("p1", 1, RecommendationReason.Trending)], s_at);

        var started = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            log.Record(impression);
        }

        // Not a latency assertion: enqueueing 1,000 messages must not be waiting on a broker that never answers.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"recording took {started.Elapsed}");
    }
}
