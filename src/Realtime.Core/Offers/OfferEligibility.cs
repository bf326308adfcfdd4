using Realtime.Core.Lifecycle;

namespace Realtime.Core.Offers;

/// <summary>Who may receive an offer. Every condition given must hold; absent conditions are not checked.</summary>
public sealed record OfferEligibility
{
    /// <summary>The customer must carry at least one of these segments (empty = any customer).</summary>
    public IReadOnlyList<Segment> Segments { get; init; } = [];

    /// <summary>The customer must carry none of these segments.</summary>
    public IReadOnlyList<Segment> ExcludeSegments { get; init; } = [];

    /// <summary>Minimum number of orders placed.</summary>
    public int? MinOrders { get; init; }

    /// <summary>Maximum number of orders placed.</summary>
    public int? MaxOrders { get; init; }

    /// <summary>At least this many days since the last order (customers without an order fail it).</summary>
    public double? MinDaysSinceLastOrder { get; init; }

    /// <summary>At most this many days since the last order (customers without an order fail it).</summary>
    public double? MaxDaysSinceLastOrder { get; init; }

    /// <summary>The open cart must be worth at least this much.</summary>
    public double? MinCartValue { get; init; }

    /// <summary>The customer must carry <see cref="Segment.NegativeExperience"/>.</summary>
    public bool RequiresNegativeExperience { get; init; }

    /// <summary>Average review rating (1–5) at least this; customers without a review fail it.</summary>
    public double? MinAverageRating { get; init; }

    /// <summary>Some product was bought in at least this many orders (a repeatable product).</summary>
    public int? MinRepeatPurchases { get; init; }

    /// <summary>Churn score at least this (customers without a score fail it).</summary>
    public double? MinChurnScore { get; init; }

    /// <summary>Predicted CLV at least this (the fallback estimate counts when no prediction is given).</summary>
    public double? MinClv { get; init; }

    /// <summary>Predicted CLV below this.</summary>
    public double? MaxClv { get; init; }

    /// <summary>The customer must not have unsubscribed from email, whatever the channel.</summary>
    public bool RequiresEmailSubscription { get; init; }
}
