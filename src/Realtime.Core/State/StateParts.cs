namespace Realtime.Core.State;

/// <summary>A product in the open cart.</summary>
public sealed record CartLine(string ProductId, string? Category, int Quantity, double UnitPrice);

/// <summary>A recently seen product and when.</summary>
public readonly record struct RecentItem(string ProductId, long AtMs);

/// <summary>A category's interaction count and its affinity, decayed to <see cref="UpdatedMs"/>.</summary>
public readonly record struct CategoryAffinity(string Category, int Count, double Score, long UpdatedMs);

/// <summary>A product the customer bought: how many orders had it and when the last was.</summary>
public readonly record struct PurchasedItem(string ProductId, string? Category, int Orders, long FirstMs, long LastMs);

/// <summary>An offer shown to the customer on a channel, and whether it was redeemed.</summary>
public readonly record struct OfferContact(string OfferId, string? Channel, long AtMs, bool Redeemed);

/// <summary>
/// An order remembered by its id, so a repeated <c>order_id</c> is one order and a refund is capped by what the order
/// brought. <see cref="IdHash"/> is <see cref="StableHash"/> of the order id; <see cref="Refunded"/> is what returns
/// have taken from it so far.
/// </summary>
public readonly record struct RecentOrder(ulong IdHash, double Amount, double Refunded);
