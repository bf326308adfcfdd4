namespace Realtime.Core.Offers;

/// <summary>An offer's global budget across all customers; either limit may be absent. Usage is passed in at decision time.</summary>
public sealed record OfferBudget
{
    /// <summary>Redemptions allowed in total.</summary>
    public long? MaxRedemptions { get; init; }

    /// <summary>Store money (credits and discounts) allowed in total, in the catalog currency.</summary>
    public double? MaxSpend { get; init; }
}
