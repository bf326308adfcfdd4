namespace Realtime.Core.Recommendations;

/// <summary>
/// What one recommendation response showed: the request's context and the ranked items (position = index + 1),
/// as logged to the impressions topic.
/// </summary>
/// <param name="RequestId">The id returned to the caller, so clicks and orders can be joined back.</param>
/// <param name="CustomerId">The customer, or null for an anonymous visitor.</param>
/// <param name="ContextProductId">The product on the page, or null.</param>
/// <param name="PageType">The page type the storefront sent (free text, may be empty).</param>
/// <param name="ContextCategory">The page's category, or null.</param>
/// <param name="Items">The response's items, best first.</param>
/// <param name="At">When the response was made.</param>
public sealed record RecommendationImpression(
    string RequestId,
    string? CustomerId,
    string? ContextProductId,
    string PageType,
    string? ContextCategory,
    IReadOnlyList<Recommendation> Items,
    DateTimeOffset At);
