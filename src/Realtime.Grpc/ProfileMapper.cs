using Realtime.Core.State;
using Realtime.Grpc.V1;
using CategoryAffinity = Realtime.Grpc.V1.CategoryAffinity;
using PurchasedItem = Realtime.Grpc.V1.PurchasedItem;
using RecentItem = Realtime.Grpc.V1.RecentItem;

namespace Realtime.Grpc;

/// <summary>Translates <see cref="CustomerState"/> into the <c>CustomerProfile</c> message.</summary>
internal static class ProfileMapper
{
    public static CustomerProfile ToProfile(CustomerState s, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var profile = new CustomerProfile
        {
            CustomerId = s.CustomerId,
            FirstSeen = ProtoTime.From(s.FirstSeenMs),
            LastSeen = ProtoTime.From(s.LastSeenMs),
            Orders = new Orders
            {
                Count = s.OrderCount,
                GrossRevenue = s.GrossRevenue,
                NetRevenue = s.NetRevenue,
                AverageOrderValue = s.AverageOrderValue,
                FirstAt = ProtoTime.From(s.FirstOrderMs),
                LastAt = ProtoTime.From(s.LastOrderMs),
                MeanGapDays = s.MeanOrderGapDays ?? 0,
                Returns = s.ReturnCount,
                ReturnedAmount = s.ReturnedAmount,
            },
            Cart = new Cart
            {
                Value = s.CartValue,
                UpdatedAt = ProtoTime.From(s.CartUpdatedMs),
                CheckoutStartedAt = ProtoTime.From(s.CheckoutStartedMs),
            },
            Engagement = new Engagement
            {
                Views = s.ViewCount,
                CartAdds = s.CartAddCount,
                EmailOpens = s.EmailOpens,
                EmailClicks = s.EmailClicks,
                EmailUnsubscribed = s.EmailUnsubscribed,
                Reviews = s.ReviewCount,
                AverageRating = s.ReviewCount == 0 ? 0 : s.ReviewRatingSum / (double)s.ReviewCount,
                LowRatings = s.LowRatingCount,
                Tickets = s.TicketCount,
                UnhappyTickets = s.UnhappyTicketCount,
                OffersShown = s.OffersShown,
                OffersRedeemed = s.OffersRedeemed,
            },
            Acquisition = new Acquisition
            {
                Channel = s.AcquisitionChannel ?? string.Empty,
                Campaign = s.Campaign ?? string.Empty,
                Cost = s.AcquisitionCost,
                RegisteredAt = ProtoTime.From(s.RegisteredAtMs),
            },
            StateVersion = StateCodec.CurrentVersion,
            StateBytes = StateCodec.Encode(s).Length,
        };
        profile.Cart.Items.AddRange(s.Cart.Select(c => new CartItem { ProductId = c.ProductId, Category = c.Category ?? string.Empty, Quantity = c.Quantity, UnitPrice = c.UnitPrice }));
        profile.RecentItems.AddRange(s.RecentItems.Select(r => new RecentItem { ProductId = r.ProductId, At = ProtoTime.From(r.AtMs) }));
        profile.Categories.AddRange(s.Categories
            .Select(c => new CategoryAffinity { Category = c.Category, Count = c.Count, Affinity = Decay.ScoreAt(c, nowMs) })
            .OrderByDescending(c => c.Affinity));
        profile.Purchased.AddRange(s.Purchased.Select(p => new PurchasedItem { ProductId = p.ProductId, Category = p.Category ?? string.Empty, Orders = p.Orders, LastAt = ProtoTime.From(p.LastMs) }));
        return profile;
    }
}
