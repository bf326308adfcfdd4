using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Offers;

/// <summary>Hand-built customers for offer tests, one per playbook situation, all judged at <see cref="Now"/>.</summary>
internal static class OfferCustomers
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static long DaysAgo(double days) => TimeUnits.ToMs(Now) - (long)(days * TimeUnits.MsPerDay);

    public static CustomerState WithOrders(string id, int orders, double aov, double lastOrderDaysAgo)
    {
        var state = new CustomerState(id)
        {
            FirstSeenMs = DaysAgo(400),
            LastSeenMs = DaysAgo(Math.Min(lastOrderDaysAgo, 1)),
            OrderCount = orders,
            GrossRevenue = orders * aov,
        };
        if (orders > 0)
        {
            state.FirstOrderMs = DaysAgo(lastOrderDaysAgo + ((orders - 1) * 30));
            state.LastOrderMs = DaysAgo(lastOrderDaysAgo);
        }

        return state;
    }

    public static CustomerState Reviewed(this CustomerState state, int rating, int count = 1)
    {
        state.ReviewCount = count;
        state.ReviewRatingSum = rating * count;
        return state;
    }

    public static CustomerState WithCart(this CustomerState state, double value)
    {
        state.Cart.Add(new CartLine("p-cart", "shoes", 1, value));
        state.CartUpdatedMs = DaysAgo(2);
        return state;
    }

    public static CustomerState Shown(this CustomerState state, string offerId, string channel, double daysAgo, bool redeemed = false)
    {
        state.RecentOffers.Insert(0, new OfferContact(offerId, channel, DaysAgo(daysAgo), redeemed));
        state.OffersShown++;
        return state;
    }

    public static OfferRequest Request(
        CustomerState customer, string channel = "email", double? churn = null, double? clv = null, params Segment[] segments) =>
        new()
        {
            Customer = customer,
            Segments = segments.ToHashSet(),
            Channel = channel,
            Now = Now,
            ChurnScore = churn,
            PredictedClv = clv,
        };

    /// <summary>The default playbook with no holdout, so a test's customer id cannot land in it by chance.</summary>
    public static OfferDecisionEngine PlaybookWithoutHoldout() =>
        new(DefaultOfferCatalog.Catalog with { Policy = DefaultOfferCatalog.Catalog.Policy with { HoldoutShare = 0 } });
}
