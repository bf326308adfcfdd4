namespace Realtime.Core.Offers;

/// <summary>Add <see cref="Delta"/> to counter <see cref="Field"/> (a Redis adapter maps this to HINCRBY on one hash).</summary>
/// <param name="Field">Counter name, see <see cref="OfferStats"/> for the scheme.</param>
/// <param name="Delta">Amount to add.</param>
public readonly record struct StatIncrement(string Field, long Delta);
