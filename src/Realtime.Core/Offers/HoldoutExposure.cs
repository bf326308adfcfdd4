namespace Realtime.Core.Offers;

/// <summary>
/// A holdout customer's last counted exposure: the offer the engine would have shown and when. The host keeps one per
/// customer (with a TTL of the attribution window) because, unlike a shown offer, it leaves no trace in the state.
/// </summary>
/// <param name="OfferId">The offer withheld.</param>
/// <param name="At">When it was withheld.</param>
public readonly record struct HoldoutExposure(string OfferId, DateTimeOffset At);
