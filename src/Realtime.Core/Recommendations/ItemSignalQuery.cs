namespace Realtime.Core.Recommendations;

/// <summary>
/// Everything one recommendation needs from the item store, asked in one batch (DESIGN §2.5: one or two round
/// trips per request, never one per item). Built by <see cref="RecommendationPlanner"/>.
/// </summary>
public sealed class ItemSignalQuery
{
    /// <summary>Query time, Unix milliseconds: scores come back decayed to it.</summary>
    public long NowMs { get; init; }

    /// <summary>Products whose bought-together and viewed-together neighbours are wanted (context first).</summary>
    public List<string> Seeds { get; } = [];

    /// <summary>Categories whose trending lists are wanted.</summary>
    public List<string> Categories { get; } = [];

    /// <summary>More products whose facts are wanted (e.g. buy-again candidates), besides every product returned.</summary>
    public List<string> FactsFor { get; } = [];

    /// <summary>Neighbours per seed and list (top by score).</summary>
    public int NeighbourCount { get; init; } = 50;

    /// <summary>Length of the global trending list.</summary>
    public int TrendingCount { get; init; } = 50;

    /// <summary>Length of each category's trending list.</summary>
    public int CategoryTrendingCount { get; init; } = 30;
}
