namespace Realtime.Core.Triggers;

/// <summary>
/// A catalog trigger waiting in a customer's trigger log for the sweeper: written at ingest when a product the
/// customer carted or viewed comes back in stock or gets cheaper, or a new product appears in one of its categories.
/// </summary>
/// <param name="Type">BackInStock, PriceDrop or NewInCategory.</param>
/// <param name="ProductId">The product that changed.</param>
/// <param name="Category">The product's category, if known.</param>
/// <param name="AtMs">When the catalog change happened (the <c>product_upserted</c>'s time), Unix ms.</param>
/// <param name="OldPrice">The price before (0 = unknown).</param>
/// <param name="NewPrice">The price now.</param>
public sealed record PendingTrigger(TriggerType Type, string ProductId, string? Category, long AtMs, double OldPrice, double NewPrice)
{
    /// <summary>The log key: one pending (and one sent mark) per type and product.</summary>
    public string Key => TriggerKeys.Of(Type, ProductId);
}
