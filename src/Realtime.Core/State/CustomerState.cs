namespace Realtime.Core.State;

/// <summary>
/// Everything the engine remembers about one customer. Bounded whatever the history length (every list has a cap
/// in <see cref="StateLimits"/>), so one customer's encoding stays well under 1 KB. Times are Unix milliseconds
/// (0 = never) to keep the encoding compact and the arithmetic cheap.
/// Only <see cref="CustomerFold"/> changes what it remembers (including the trimming to the encoding budget,
/// <see cref="StateBudget"/>, which the fold applies after each event); the rest of the engine reads it, except for
/// its bookkeeping fields: ingest sets the position (<see cref="LastPartition"/>, <see cref="LastOffset"/>), and the
/// lifecycle steps set <see cref="SegmentMask"/> and <see cref="CountedClv"/>, which are stored beside the encoding.
/// </summary>
public sealed class CustomerState
{
    public CustomerState(string customerId) => CustomerId = customerId;

    /// <summary>
    /// An independent copy (every field, lists copied): what ingest keeps as the state before a batch. A memberwise
    /// copy keeps new scalar fields covered without touching this method; a round trip through the codec did the
    /// same ~10× slower and missed the fields the codec does not carry.
    /// </summary>
    public CustomerState Clone()
    {
        var copy = (CustomerState)MemberwiseClone();
        copy.RecentOrderMs = Copy(RecentOrderMs);
        copy.Cart = Copy(Cart);
        copy.RecentItems = Copy(RecentItems);
        copy.Categories = Copy(Categories);
        copy.Purchased = Copy(Purchased);
        copy.RecentOffers = Copy(RecentOffers);
        copy.RecentEventIds = Copy(RecentEventIds);
        copy.RecentOrders = Copy(RecentOrders);
        return copy;
    }

    public string CustomerId { get; }

    // Position of the last applied Kafka record: ingest refuses to go backwards (exactly-once effect).
    public int LastPartition { get; set; } = -1;

    public long LastOffset { get; set; } = -1;

    /// <summary>
    /// The segments last published for this customer (<see cref="Lifecycle.SegmentSet.Mask"/>; 0 = none yet). Stored
    /// next to the state like the position, not in <see cref="StateCodec"/>: it is the engine's bookkeeping of what it
    /// told <c>realtime.segments</c>, not a fact about the customer.
    /// </summary>
    public int SegmentMask { get; set; }

    /// <summary>
    /// The CLV this customer last contributed to its channel's summed CLV counter, so the next update removes exactly
    /// what was added (CLV moves with time). Persistence-only, like <see cref="SegmentMask"/>.
    /// </summary>
    public double CountedClv { get; set; }

    /// <summary>
    /// The customer's purchase history as the learned ranker reads it (<see cref="Recommendations.Ranking.PurchaseProfile"/>,
    /// up to <see cref="HistoryMaxProducts"/> products). Stored beside the encoding (field <c>h</c>, written by the same
    /// compare-and-set as the state), not in <see cref="StateCodec"/>; the fold replaces it with a new profile on every
    /// order (the state before keeps its own). Null when the state was read without it or the customer has not
    /// ordered since histories were kept.
    /// </summary>
    public Recommendations.Ranking.PurchaseProfile? History { get; set; }

    /// <summary>Products the fold keeps in <see cref="History"/> (ingest sets <c>Recommendations:History:MaxProducts</c>); 0 keeps no history.</summary>
    public int HistoryMaxProducts { get; set; } = Recommendations.Ranking.PurchaseProfile.DefaultMaxProducts;

    public long FirstSeenMs { get; set; }

    public long LastSeenMs { get; set; }

    // Acquisition (customer_registered).
    public long RegisteredAtMs { get; set; }

    public string? AcquisitionChannel { get; set; }

    public string? Campaign { get; set; }

    public double AcquisitionCost { get; set; }

    /// <summary>SHA-256 of the normalised email, lower-case hex (from <c>customer_registered</c>); null when not given.</summary>
    public string? EmailSha256 { get; set; }

    /// <summary>Birthday as month × 100 + day (<see cref="Events.MonthDay.Packed"/>); 0 when not given.</summary>
    public int BirthdayMonthDay { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country (from <c>customer_registered</c>); null when not given.</summary>
    public string? Country { get; set; }

    // Orders.
    public int OrderCount { get; set; }

    public double GrossRevenue { get; set; }

    public long FirstOrderMs { get; set; }

    public long LastOrderMs { get; set; }

    /// <summary>Times of the most recent orders, ascending (for gap statistics and activity trends).</summary>
    public List<long> RecentOrderMs { get; private set; } = [];

    public int ReturnCount { get; set; }

    public double ReturnedAmount { get; set; }

    public long LastReturnMs { get; set; }

    // Browsing and cart.
    public int ViewCount { get; set; }

    public int CartAddCount { get; set; }

    public List<CartLine> Cart { get; private set; } = [];

    public long CartUpdatedMs { get; set; }

    public long CheckoutStartedMs { get; set; }

    /// <summary>Most recently viewed or carted products, newest first.</summary>
    public List<RecentItem> RecentItems { get; private set; } = [];

    /// <summary>Category counts and time-decayed affinities, top K by affinity.</summary>
    public List<CategoryAffinity> Categories { get; private set; } = [];

    /// <summary>Products bought, most recent first (bounded): for "already bought" filters and "buy again".</summary>
    public List<PurchasedItem> Purchased { get; private set; } = [];

    // Email engagement.
    public int EmailOpens { get; set; }

    public int EmailClicks { get; set; }

    public long LastEmailEngagementMs { get; set; }

    public bool EmailUnsubscribed { get; set; }

    // Reviews and support: negative-experience signals.
    public int ReviewCount { get; set; }

    public int ReviewRatingSum { get; set; }

    public int LowRatingCount { get; set; }

    public long LastLowRatingMs { get; set; }

    public int TicketCount { get; set; }

    public int UnhappyTicketCount { get; set; }

    public long LastUnhappyTicketMs { get; set; }

    // Offers: for contact caps and learning from outcomes.
    public int OffersShown { get; set; }

    public int OffersRedeemed { get; set; }

    /// <summary>Recent offer contacts, newest first.</summary>
    public List<OfferContact> RecentOffers { get; private set; } = [];

    /// <summary>Hashes of the most recent event ids (oldest first): a producer retry inside this window is applied once.</summary>
    public List<ulong> RecentEventIds { get; private set; } = [];

    /// <summary>
    /// Orders remembered by id, oldest first (at most <see cref="StateLimits.RecentOrderIds"/>): a repeated
    /// <c>order_id</c> among them is one order, and a refund naming one is capped by what it brought.
    /// </summary>
    public List<RecentOrder> RecentOrders { get; private set; } = [];

    /// <summary>Net revenue: orders minus refunds (refunds are capped so it does not go below zero; finite always).</summary>
    public double NetRevenue => Saturating.Money(GrossRevenue - ReturnedAmount);

    /// <summary>Average order value (gross), 0 before the first order.</summary>
    public double AverageOrderValue => OrderCount <= 0 ? 0 : Saturating.Money(GrossRevenue / OrderCount);

    public double CartValue
    {
        get
        {
            double value = 0;
            foreach (var line in Cart)
            {
                value += line.Quantity * line.UnitPrice;
            }

            return Saturating.Money(value);
        }
    }

    /// <summary>Mean days between orders over the whole history (exact even for out-of-order events), or null below two orders.</summary>
    public double? MeanOrderGapDays =>
        OrderCount < 2 ? null : (LastOrderMs - FirstOrderMs) / (double)TimeUnits.MsPerDay / (OrderCount - 1);

    /// <summary>True when nothing but the id has been recorded.</summary>
    public bool IsEmpty => FirstSeenMs == 0;

    // One spare slot: a fold appends before it trims back to the limit.
    private static List<T> Copy<T>(List<T> source)
    {
        var copy = new List<T>(source.Count + 1);
        copy.AddRange(source);
        return copy;
    }
}
