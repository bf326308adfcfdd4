namespace Realtime.Core.State;

/// <summary>
/// Version 1 of the state layout (the first release): absolute varint times, raw doubles, plain strings.
/// Decode only; <see cref="StateCodec.Encode"/> writes the current version.
/// </summary>
internal static class StateCodecV1
{
    public static CustomerState Decode(string customerId, ref StateReader r)
    {
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
