namespace Realtime.Core.State;

/// <summary>
/// Compact, versioned binary encoding of <see cref="CustomerState"/> (the customer id is the Redis key, not part of
/// the bytes). The first byte is the format version; <see cref="Decode"/> reads every version ever written, so
/// state written by an older build still loads after an upgrade. To change the layout: add fields at the end under
/// a new version number, keep the old branch, and add a golden-bytes test for the old version.
/// </summary>
public static class StateCodec
{
    /// <summary>The version <see cref="Encode"/> writes.</summary>
    public const byte CurrentVersion = 1;

    public static byte[] Encode(CustomerState s)
    {
        var w = new StateWriter(256);
        w.Byte(CurrentVersion);
        w.Long(s.FirstSeenMs);
        w.Long(s.LastSeenMs);
        w.Long(s.RegisteredAtMs);
        w.String(s.AcquisitionChannel);
        w.String(s.Campaign);
        w.Double(s.AcquisitionCost);
        w.Int(s.OrderCount);
        w.Double(s.GrossRevenue);
        w.Long(s.FirstOrderMs);
        w.Long(s.LastOrderMs);
        w.Int(s.RecentOrderMs.Count);
        foreach (var t in s.RecentOrderMs)
        {
            w.Long(t);
        }

        w.Int(s.ReturnCount);
        w.Double(s.ReturnedAmount);
        w.Long(s.LastReturnMs);
        w.Int(s.ViewCount);
        w.Int(s.CartAddCount);
        w.Int(s.Cart.Count);
        foreach (var c in s.Cart)
        {
            w.String(c.ProductId);
            w.String(c.Category);
            w.Int(c.Quantity);
            w.Double(c.UnitPrice);
        }

        w.Long(s.CartUpdatedMs);
        w.Long(s.CheckoutStartedMs);
        w.Int(s.RecentItems.Count);
        foreach (var r in s.RecentItems)
        {
            w.String(r.ProductId);
            w.Long(r.AtMs);
        }

        w.Int(s.Categories.Count);
        foreach (var c in s.Categories)
        {
            w.String(c.Category);
            w.Int(c.Count);
            w.Double(c.Score);
            w.Long(c.UpdatedMs);
        }

        w.Int(s.Purchased.Count);
        foreach (var p in s.Purchased)
        {
            w.String(p.ProductId);
            w.String(p.Category);
            w.Int(p.Orders);
            w.Long(p.FirstMs);
            w.Long(p.LastMs);
        }

        w.Int(s.EmailOpens);
        w.Int(s.EmailClicks);
        w.Long(s.LastEmailEngagementMs);
        w.Byte(s.EmailUnsubscribed ? (byte)1 : (byte)0);
        w.Int(s.ReviewCount);
        w.Int(s.ReviewRatingSum);
        w.Int(s.LowRatingCount);
        w.Long(s.LastLowRatingMs);
        w.Int(s.TicketCount);
        w.Int(s.UnhappyTicketCount);
        w.Long(s.LastUnhappyTicketMs);
        w.Int(s.OffersShown);
        w.Int(s.OffersRedeemed);
        w.Int(s.RecentOffers.Count);
        foreach (var o in s.RecentOffers)
        {
            w.String(o.OfferId);
            w.String(o.Channel);
            w.Long(o.AtMs);
            w.Byte(o.Redeemed ? (byte)1 : (byte)0);
        }

        w.Int(s.RecentEventIds.Count);
        foreach (var id in s.RecentEventIds)
        {
            w.Fixed64(id);
        }

        return w.ToArray();
    }

    /// <summary>Decodes bytes written by any version of <see cref="Encode"/>. Throws <see cref="FormatException"/> on corrupt input.</summary>
    public static CustomerState Decode(string customerId, ReadOnlySpan<byte> bytes)
    {
        var r = new StateReader(bytes);
        var version = r.Byte();
        if (version is 0 or > CurrentVersion)
        {
            throw new FormatException($"unknown customer state version {version}");
        }

        var s = new CustomerState(customerId)
        {
            FirstSeenMs = r.Long(),
            LastSeenMs = r.Long(),
            RegisteredAtMs = r.Long(),
            AcquisitionChannel = r.String(),
            Campaign = r.String(),
            AcquisitionCost = r.Double(),
            OrderCount = r.Int(),
            GrossRevenue = r.Double(),
            FirstOrderMs = r.Long(),
            LastOrderMs = r.Long(),
        };
        for (var n = r.Count(StateLimits.RecentOrders); n > 0; n--)
        {
            s.RecentOrderMs.Add(r.Long());
        }

        s.ReturnCount = r.Int();
        s.ReturnedAmount = r.Double();
        s.LastReturnMs = r.Long();
        s.ViewCount = r.Int();
        s.CartAddCount = r.Int();
        for (var n = r.Count(StateLimits.CartLines); n > 0; n--)
        {
            s.Cart.Add(new CartLine(r.String()!, r.String(), r.Int(), r.Double()));
        }

        s.CartUpdatedMs = r.Long();
        s.CheckoutStartedMs = r.Long();
        for (var n = r.Count(StateLimits.RecentItems); n > 0; n--)
        {
            s.RecentItems.Add(new RecentItem(r.String()!, r.Long()));
        }

        for (var n = r.Count(StateLimits.Categories); n > 0; n--)
        {
            s.Categories.Add(new CategoryAffinity(r.String()!, r.Int(), r.Double(), r.Long()));
        }

        for (var n = r.Count(StateLimits.PurchasedItems); n > 0; n--)
        {
            s.Purchased.Add(new PurchasedItem(r.String()!, r.String(), r.Int(), r.Long(), r.Long()));
        }

        s.EmailOpens = r.Int();
        s.EmailClicks = r.Int();
        s.LastEmailEngagementMs = r.Long();
        s.EmailUnsubscribed = r.Byte() != 0;
        s.ReviewCount = r.Int();
        s.ReviewRatingSum = r.Int();
        s.LowRatingCount = r.Int();
        s.LastLowRatingMs = r.Long();
        s.TicketCount = r.Int();
        s.UnhappyTicketCount = r.Int();
        s.LastUnhappyTicketMs = r.Long();
        s.OffersShown = r.Int();
        s.OffersRedeemed = r.Int();
        for (var n = r.Count(StateLimits.RecentOffers); n > 0; n--)
        {
            s.RecentOffers.Add(new OfferContact(r.String()!, r.String(), r.Long(), r.Byte() != 0));
        }

        for (var n = r.Count(StateLimits.RecentEventIds); n > 0; n--)
        {
            s.RecentEventIds.Add(r.Fixed64());
        }

        return s;
    }
}
