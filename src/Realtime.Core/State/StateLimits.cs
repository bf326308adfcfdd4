namespace Realtime.Core.State;

/// <summary>Caps that keep one customer's state bounded (DESIGN §4: typically well under 1 KB, hard cap 4 KB).</summary>
public static class StateLimits
{
    public const int RecentOrders = 12;
    public const int CartLines = 20;
    public const int RecentItems = 10;
    public const int Categories = 8;
    public const int PurchasedItems = 16;
    public const int RecentOffers = 8;
    public const int RecentEventIds = 16;

    /// <summary>Orders remembered by id (<see cref="CustomerState.RecentOrders"/>): a repeated <c>order_id</c> among
    /// them is ignored and a refund naming one is capped by that order's amount.</summary>
    public const int RecentOrderIds = 16;

    /// <summary>
    /// Largest magnitude of any sum kept or derived from state (revenue, refunds, cart value, CLV, counter increments):
    /// one million orders of the largest amount an event may carry (<see cref="Events.EventLimits.MaxAmount"/>).
    /// Sums saturate here instead of growing towards infinity (<see cref="Saturating"/>).
    /// </summary>
    public const double MaxTotal = 1e15;

    /// <summary>Half-life of category affinity, in days.</summary>
    public const double AffinityHalfLifeDays = 30;

    /// <summary>Largest encoding the store accepts. The caps above keep typical states far below it; a state of
    /// maximal-length ids that would pass it gives up its oldest entries (<see cref="StateBudget"/>).</summary>
    public const int MaxEncodedBytes = 4096;
}
