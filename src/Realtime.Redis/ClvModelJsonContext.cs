using System.Text.Json.Serialization;

namespace Realtime.Redis;

/// <summary>Source-generated JSON for the stored CLV model.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClvModelDocument))]
internal sealed partial class ClvModelJsonContext : JsonSerializerContext;
