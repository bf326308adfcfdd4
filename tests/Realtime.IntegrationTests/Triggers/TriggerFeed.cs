using System.Text.Json;
using Confluent.Kafka;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>
/// A separate consumer of a scope's trigger topic (all 4 partitions, from the beginning), as an email system would
/// read it.
/// </summary>
public sealed class TriggerFeed(Servers servers, string topic) : TopicFeed<TriggerFeedMessage>(servers, Created(servers, topic))
{
    /// <summary>The messages of one customer and type.</summary>
    public List<TriggerFeedMessage> Of(string customer, string type) => Messages.Where(m => m.CustomerId == customer && m.Type == type).ToList();

    protected override TriggerFeedMessage Parse(ConsumeResult<string?, byte[]> record, byte[] value)
    {
        using var doc = JsonDocument.Parse(value);
        var root = doc.RootElement;
        return new TriggerFeedMessage(
            record.Message.Key,
            root.GetProperty("trigger_id").GetString()!,
            root.GetProperty("type").GetString()!,
            root.GetProperty("customer_id").GetString()!,
            root.TryGetProperty("product_id", out var product) ? product.GetString() : null,
            root.TryGetProperty("category", out var category) ? category.GetString() : null,
            root.GetProperty("channel").GetString()!,
            root.GetProperty("due_at").GetDateTimeOffset(),
            root.GetProperty("published_at").GetDateTimeOffset(),
            root.GetProperty("reason").GetString()!,
            root.GetProperty("details").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()));
    }

    // The engine creates the topic with its first trigger; the feed assigns its partitions before that.
    private static string Created(Servers servers, string topic)
    {
        servers.Kafka.CreateTopic(topic, 4);
        return topic;
    }
}

/// <summary>One parsed <c>realtime.triggers</c> message.</summary>
public sealed record TriggerFeedMessage(
    string? Key, string TriggerId, string Type, string CustomerId, string? ProductId, string? Category, string Channel,
    DateTimeOffset DueAt, DateTimeOffset PublishedAt, string Reason, Dictionary<string, double> Details);
