using System.Text.Json.Serialization;

namespace Realtime.Scoring.Training;

/// <summary>Source-generated JSON for the model artifacts: snake_case, indented (people read these files).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(FeaturesFile))]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ModelReport))]
internal sealed partial class ScoringJsonContext : JsonSerializerContext;
