using System.Text.Json;
using Confluent.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>
/// A separate consumer of a scope's <c>realtime.segments</c> topic (all 4 partitions, from the beginning), as an email or
/// CRM system would read it.
/// </summary>
public sealed class SegmentFeed(Servers servers, TestScope scope) : TopicFeed<SegmentMessage>(servers, scope.SegmentsTopic)
{
    protected override SegmentMessage Parse(ConsumeResult<string?, byte[]> record, byte[] value)
    {
        using var doc = JsonDocument.Parse(value);
        var root = doc.RootElement;
        return new SegmentMessage(
            root.GetProperty("change_id").GetString()!,
            root.GetProperty("customer_id").GetString()!,
            root.GetProperty("segment").GetString()!,
            root.GetProperty("change").GetString()!,
            root.GetProperty("primary_stage").GetString()!,
            root.GetProperty("segments").EnumerateArray().Select(e => e.GetString()!).ToList(),
            record.Message.Key,
            root.TryGetProperty("facts", out var facts) && facts.TryGetProperty("churn_score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null);
    }
}

/// <summary>One parsed <c>realtime.segments</c> message.</summary>
public sealed record SegmentMessage(
    string ChangeId, string CustomerId, string Segment, string Change, string PrimaryStage, List<string> Segments, string? Key, double? ChurnScore = null);
