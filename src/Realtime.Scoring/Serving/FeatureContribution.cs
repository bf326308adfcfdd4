namespace Realtime.Scoring.Serving;

/// <summary>One feature's part in a score (see <see cref="CompiledForest.Contributions"/> for the method).</summary>
/// <param name="Name">Feature name from the schema (a shared string: no allocation).</param>
/// <param name="Value">The customer's value of the feature.</param>
/// <param name="Contribution">Score minus the score with this feature at its typical value; positive raises the risk.</param>
public readonly record struct FeatureContribution(string Name, float Value, float Contribution);
