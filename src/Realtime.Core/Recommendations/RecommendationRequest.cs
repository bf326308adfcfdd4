namespace Realtime.Core.Recommendations;

/// <summary>What a storefront asks for. Validate at the edge with <see cref="Problem"/>; the ranker throws on an invalid one.</summary>
public sealed class RecommendationRequest
{
    /// <summary>Most products one request may ask for.</summary>
    public const int MaxCount = 100;

    /// <summary>The product on the current page, if any: its neighbours lead and it is never recommended itself.</summary>
    public string? ContextProductId { get; init; }

    /// <summary>The category on the current page, if the storefront knows it: its trending products join the candidates.</summary>
    public string? ContextCategory { get; init; }

    /// <summary>How many products to return, 1–100.</summary>
    public int Count { get; init; } = 10;

    /// <summary>Products never to return (already in the cart, already shown, ...).</summary>
    public IReadOnlyCollection<string> Exclusions { get; init; } = [];

    /// <summary>Why the request is invalid, or null.</summary>
    public string? Problem() =>
        Count is < 1 or > MaxCount ? $"count must be 1 to {MaxCount}"
        : Exclusions.Count > 1000 ? "at most 1000 exclusions"
        : null;
}
