namespace Realtime.Core.Recommendations;

/// <summary>
/// What the store knows about one product, decayed to the query time. A product with no catalog fact yet (a cold
/// item) has <see cref="Known"/> false and is treated as in stock with no category.
/// </summary>
/// <param name="Known">Whether a <c>product_upserted</c> was seen.</param>
/// <param name="Category">Catalog category, or null.</param>
/// <param name="Price">Catalog price (0 when unknown).</param>
/// <param name="InStock">Whether it can be sold.</param>
/// <param name="Popularity">Decayed global trending score.</param>
/// <param name="BoughtMass">Decayed total weight of the product's bought-together list (normaliser).</param>
/// <param name="ViewedMass">Decayed total weight of the product's viewed-together list (normaliser).</param>
/// <param name="Purchases">Decayed number of orders containing the product.</param>
/// <param name="Repurchases">Decayed number of those orders by a customer who had bought it before.</param>
public readonly record struct ItemFacts(
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
    /// <summary>Facts of a product the store has never heard of.</summary>
    public static ItemFacts Unknown { get; } = new(false, null, 0, true, 0, 0, 0, 0, 0);

    /// <summary>
    /// These facts decayed by a query's factors: association masses and purchase counters by one, popularity by the
    /// other. An item store can keep one copy in stored (epoch-scaled) units and answer any query time with it.
    /// </summary>
    public ItemFacts Scaled(double associationFactor, double trendingFactor) => this with
    {
        Popularity = Math.Max(0, Popularity * trendingFactor),
        BoughtMass = BoughtMass * associationFactor,
        ViewedMass = ViewedMass * associationFactor,
        Purchases = Purchases * associationFactor,
        Repurchases = Repurchases * associationFactor,
    };

    /// <summary>Share of orders that were re-buys (0–1): high for consumables, near 0 for durable goods.</summary>
    public double RepeatRate => Purchases > 0 ? Math.Clamp(Repurchases / Purchases, 0, 1) : 0;
}
