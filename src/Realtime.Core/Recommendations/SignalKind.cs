namespace Realtime.Core.Recommendations;

/// <summary>
/// Which item statistic a <see cref="SignalIncrement"/> adds to. Each kind is one family of sorted sets or
/// counters in the item store (docs/recommendations.md has the Redis layout).
/// </summary>
public enum SignalKind
{
    /// <summary>Co-purchase: <c>Subject</c>'s neighbour list gains <c>Item</c> (also adds to Subject's bought mass).</summary>
    BoughtTogether,

    /// <summary>Co-view inside a short window: <c>Subject</c>'s neighbour list gains <c>Item</c> (also adds to Subject's viewed mass).</summary>
    ViewedTogether,

    /// <summary>Global trending: <c>Item</c> gains weight; <c>Subject</c> is empty.</summary>
    Popularity,

    /// <summary>Trending inside a category: <c>Subject</c> is the category, <c>Item</c> the product.</summary>
    CategoryPopularity,

    /// <summary>Per-item counter: one more order contained <c>Item</c> (Subject = Item).</summary>
    Purchases,

    /// <summary>Per-item counter: one more order re-bought <c>Item</c> by a customer who had bought it before (Subject = Item).</summary>
    Repurchases,
}
