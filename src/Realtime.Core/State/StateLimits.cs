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

    /// <summary>Half-life of category affinity, in days.</summary>
    public const double AffinityHalfLifeDays = 30;

    /// <summary>Largest encoding the store accepts. The caps above keep typical states far below it; a state of
    /// maximal-length ids that would pass it gives up its oldest entries (<see cref="StateBudget"/>).</summary>
    public const int MaxEncodedBytes = 4096;
}
