namespace Realtime.Core.State;

/// <summary>
/// Version 2 of the state layout. Field order as in version 1; what changed: every time except
/// <see cref="CustomerState.LastSeenMs"/> is written relative to it (recent order times relative to the previous
/// one, a purchase's last time relative to its first), amounts are exact cents when possible, and strings repeated
/// within one state (categories, product ids) are back-references. Nothing is rounded: decode gives the same values.
/// </summary>
internal static class StateCodecV2
{
    public static void Write(StateWriter w, CustomerState s)
    {
        var at = s.LastSeenMs;
        w.Long(at);
        w.Time(s.FirstSeenMs, at);
        w.Time(s.RegisteredAtMs, at);
        w.InternedString(s.AcquisitionChannel);
        w.InternedString(s.Campaign);
        w.Money(s.AcquisitionCost);
        w.Int(s.OrderCount);
        w.Money(s.GrossRevenue);
        w.Time(s.FirstOrderMs, at);
        w.Time(s.LastOrderMs, at);
        w.Int(s.RecentOrderMs.Count);
        var previous = at;
        foreach (var t in s.RecentOrderMs)
        {
            w.Time(t, previous);
            previous = t;
        }

        w.Int(s.ReturnCount);
        w.Money(s.ReturnedAmount);
        w.Time(s.LastReturnMs, at);
        w.Int(s.ViewCount);
        w.Int(s.CartAddCount);
        w.Int(s.Cart.Count);
        foreach (var c in s.Cart)
        {
            w.InternedString(c.ProductId);
            w.InternedString(c.Category);
            w.Int(c.Quantity);
            w.Money(c.UnitPrice);
        }

        w.Time(s.CartUpdatedMs, at);
        w.Time(s.CheckoutStartedMs, at);
        w.Int(s.RecentItems.Count);
        foreach (var r in s.RecentItems)
        {
            w.InternedString(r.ProductId);
            w.Time(r.AtMs, at);
        }

        w.Int(s.Categories.Count);
        foreach (var c in s.Categories)
        {
            w.InternedString(c.Category);
            w.Int(c.Count);
            w.Double(c.Score);
            w.Time(c.UpdatedMs, at);
        }

        w.Int(s.Purchased.Count);
        foreach (var p in s.Purchased)
        {
            w.InternedString(p.ProductId);
            w.InternedString(p.Category);
            w.Int(p.Orders);
            w.Time(p.FirstMs, at);
            w.Time(p.LastMs, p.FirstMs);
        }

        w.Int(s.EmailOpens);
        w.Int(s.EmailClicks);
        w.Time(s.LastEmailEngagementMs, at);
        w.Byte(s.EmailUnsubscribed ? (byte)1 : (byte)0);
        w.Int(s.ReviewCount);
        w.Int(s.ReviewRatingSum);
        w.Int(s.LowRatingCount);
        w.Time(s.LastLowRatingMs, at);
        w.Int(s.TicketCount);
        w.Int(s.UnhappyTicketCount);
        w.Time(s.LastUnhappyTicketMs, at);
        w.Int(s.OffersShown);
        w.Int(s.OffersRedeemed);
        w.Int(s.RecentOffers.Count);
        foreach (var o in s.RecentOffers)
        {
            w.InternedString(o.OfferId);
            w.InternedString(o.Channel);
            w.Time(o.AtMs, at);
            w.Byte(o.Redeemed ? (byte)1 : (byte)0);
        }

        w.Int(s.RecentEventIds.Count);
        foreach (var id in s.RecentEventIds)
        {
            w.Fixed64(id);
        }
    }

    public static CustomerState Decode(string customerId, ref StateReader r)
    {
        var at = r.Long();
        var s = new CustomerState(customerId)
        {
            LastSeenMs = at,
            FirstSeenMs = r.Time(at),
            RegisteredAtMs = r.Time(at),
            AcquisitionChannel = r.InternedString(),
            Campaign = r.InternedString(),
            AcquisitionCost = r.Money(),
            OrderCount = r.Int(),
            GrossRevenue = r.Money(),
            FirstOrderMs = r.Time(at),
            LastOrderMs = r.Time(at),
        };
        var previous = at;
        for (var n = Sized(s.RecentOrderMs, r.Count(StateLimits.RecentOrders)); n > 0; n--)
        {
            previous = r.Time(previous);
            s.RecentOrderMs.Add(previous);
        }

        s.ReturnCount = r.Int();
        s.ReturnedAmount = r.Money();
        s.LastReturnMs = r.Time(at);
        s.ViewCount = r.Int();
        s.CartAddCount = r.Int();
        for (var n = Sized(s.Cart, r.Count(StateLimits.CartLines)); n > 0; n--)
        {
            s.Cart.Add(new CartLine(Required(r.InternedString()), r.InternedString(), r.Int(), r.Money()));
        }

        s.CartUpdatedMs = r.Time(at);
        s.CheckoutStartedMs = r.Time(at);
        for (var n = Sized(s.RecentItems, r.Count(StateLimits.RecentItems)); n > 0; n--)
        {
            s.RecentItems.Add(new RecentItem(Required(r.InternedString()), r.Time(at)));
        }

        for (var n = Sized(s.Categories, r.Count(StateLimits.Categories)); n > 0; n--)
        {
            s.Categories.Add(new CategoryAffinity(Required(r.InternedString()), r.Int(), r.Double(), r.Time(at)));
        }

        for (var n = Sized(s.Purchased, r.Count(StateLimits.PurchasedItems)); n > 0; n--)
        {
            var productId = Required(r.InternedString());
            var category = r.InternedString();
            var orders = r.Int();
            var first = r.Time(at);
            s.Purchased.Add(new PurchasedItem(productId, category, orders, first, r.Time(first)));
        }

        s.EmailOpens = r.Int();
        s.EmailClicks = r.Int();
        s.LastEmailEngagementMs = r.Time(at);
        s.EmailUnsubscribed = r.Byte() != 0;
        s.ReviewCount = r.Int();
        s.ReviewRatingSum = r.Int();
        s.LowRatingCount = r.Int();
        s.LastLowRatingMs = r.Time(at);
        s.TicketCount = r.Int();
        s.UnhappyTicketCount = r.Int();
        s.LastUnhappyTicketMs = r.Time(at);
        s.OffersShown = r.Int();
        s.OffersRedeemed = r.Int();
        for (var n = Sized(s.RecentOffers, r.Count(StateLimits.RecentOffers)); n > 0; n--)
        {
            s.RecentOffers.Add(new OfferContact(Required(r.InternedString()), r.InternedString(), r.Time(at), r.Byte() != 0));
        }

        for (var n = Sized(s.RecentEventIds, r.Count(StateLimits.RecentEventIds)); n > 0; n--)
        {
            s.RecentEventIds.Add(r.Fixed64());
        }

        return s;
    }

    /// <summary>Sizes a list for <paramref name="count"/> entries plus the one a fold appends before trimming: decoding
    /// into empty lists resized them several times per state, a visible share of ingest's allocations.</summary>
    private static int Sized<T>(List<T> list, int count)
    {
        list.EnsureCapacity(count + 1);
        return count;
    }

    private static string Required(string? value) => value ?? throw new FormatException("a required string is null");
}
