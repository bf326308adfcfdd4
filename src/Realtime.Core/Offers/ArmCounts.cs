namespace Realtime.Core.Offers;

/// <summary>Observed outcomes of one offer in one segment: exposures and redemptions.</summary>
/// <param name="Shown">Exposures (first show of the offer to a customer within the attribution window).</param>
/// <param name="Redeemed">Redemptions of those exposures.</param>
public readonly record struct ArmCounts(long Shown, long Redeemed);
