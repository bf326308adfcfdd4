using System.Text.Json.Serialization;

namespace Realtime.Kafka;

/// <summary>Source-generated JSON for the decisions topic (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionMessage))]
internal sealed partial class DecisionJsonContext : JsonSerializerContext;
