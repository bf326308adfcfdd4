namespace Realtime.Core.Offers;

/// <summary>Treated versus holdout exposures and conversions (an order within the attribution window) for one offer.</summary>
/// <param name="Treated">Customers shown the offer.</param>
/// <param name="TreatedConverted">Of those, how many ordered within the window.</param>
/// <param name="Holdout">Holdout customers the engine would have shown the offer.</param>
/// <param name="HoldoutConverted">Of those, how many ordered within the window anyway.</param>
public readonly record struct UpliftCounts(long Treated, long TreatedConverted, long Holdout, long HoldoutConverted);
