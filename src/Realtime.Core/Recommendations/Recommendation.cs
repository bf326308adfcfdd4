namespace Realtime.Core.Recommendations;

/// <summary>One ranked product.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Score">Blended score (comparable within one response only).</param>
/// <param name="Reason">The signal that contributed most.</param>
public readonly record struct Recommendation(string ProductId, double Score, RecommendationReason Reason);
