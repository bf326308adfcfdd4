using Realtime.Scoring.Training;

namespace Realtime.Scoring.Serving;

/// <summary>A validated model version ready to score (immutable, shared by all threads).</summary>
/// <param name="Version">The version name.</param>
/// <param name="Forest">The directly evaluated ensemble.</param>
/// <param name="Reference">Per-feature reference values for contributions.</param>
/// <param name="Metadata">The version's metadata.json.</param>
public sealed record LoadedChurnModel(string Version, CompiledForest Forest, float[] Reference, ModelMetadata Metadata);
