using System.Text.Json.Serialization;

namespace Realtime.Scoring.Ranking;

/// <summary>Source-generated JSON for <c>ranker.json</c>: snake_case, indented (people read it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RankerManifest))]
internal sealed partial class RankerJsonContext : JsonSerializerContext;
