namespace Realtime.Core.Offers;

/// <summary>A decision as it goes to the decision log (Kafka topic <c>realtime.decisions</c>).</summary>
/// <param name="DecisionId">Unique id of this decision (a version-7 GUID: sortable by time).</param>
/// <param name="Decision">The engine's decision.</param>
/// <param name="Segments">The customer's segment wire names at decision time, primary stage first.</param>
/// <param name="ModelVersion">The churn model version that fed the decision, or <c>baseline</c>/<c>none</c>.</param>
public sealed record PublishedDecision(string DecisionId, OfferDecision Decision, IReadOnlyList<string> Segments, string ModelVersion);
