namespace Realtime.Core.Recommendations;

/// <summary>
/// One product's facts as an item store keeps them: masses and counters in stored (undecayed) units, so one copy can
/// answer queries at any time; <see cref="At"/> turns them into the <see cref="ItemFacts"/> of a query.
/// </summary>
/// <param name="Known">Whether a <c>product_upserted</c> was seen.</param>
/// <param name="Category">Catalog category, or null.</param>
/// <param name="Price">Catalog price (0 when unknown).</param>
/// <param name="InStock">Whether it can be sold.</param>
/// <param name="Popularity">Stored global trending score (0 when not trending).</param>
/// <param name="BoughtMass">Stored total weight of the bought-together list.</param>
/// <param name="ViewedMass">Stored total weight of the viewed-together list.</param>
/// <param name="Purchases">Stored number of orders containing the product.</param>
/// <param name="Repurchases">Stored number of those orders that were re-buys.</param>
public readonly record struct StoredItemFacts(
    bool Known,
    string? Category,
    double Price,
    bool InStock,
    double Popularity,
    double BoughtMass,
    double ViewedMass,
    double Purchases,
    double Repurchases)
{
    /// <summary>The facts decayed to a query time: association masses and counters by one factor, popularity by another.</summary>
    public ItemFacts At(double associationFactor, double trendingFactor) => new(
        Known,
        Category,
        Price,
        InStock,
        Math.Max(0, Popularity * trendingFactor),
        BoughtMass * associationFactor,
        ViewedMass * associationFactor,
        Purchases * associationFactor,
        Repurchases * associationFactor);
}
