namespace Realtime.Kafka;

/// <summary>One offer the decision considered, in the decisions topic's <c>alternatives</c>.</summary>
/// <param name="OfferId">The offer.</param>
/// <param name="Verdict">The engine's verdict (<c>chosen</c>, <c>outscored</c>, <c>ineligible</c>, ...).</param>
/// <param name="ExpectedValue">Its expected net value when it was scored; absent when a gate stopped it.</param>
public sealed record DecisionAlternative(string OfferId, string Verdict, double? ExpectedValue);
