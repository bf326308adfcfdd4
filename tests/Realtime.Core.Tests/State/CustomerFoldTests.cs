using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Core.Tests.Events;

namespace Realtime.Core.Tests.State;

public sealed class CustomerFoldTests
{
    private static CustomerState Fold(params CustomerEvent[] events)
    {
        var state = new CustomerState("c1");
        foreach (var e in events)
        {
            CustomerFold.Apply(state, e);
        }

        return state;
    }

    [Fact]
    public void Registration_records_channel_campaign_and_cost()
    {
        var s = Fold(Ev.Of(EventType.CustomerRegistered) with { Channel = "social", Campaign = "spring", AcquisitionCost = 25 });
        Assert.Equal("social", s.AcquisitionChannel);
        Assert.Equal("spring", s.Campaign);
        Assert.Equal(25, s.AcquisitionCost);
        Assert.Equal(Ev.T0.ToUnixTimeMilliseconds(), s.RegisteredAtMs);
    }

    [Fact]
    public void Orders_accumulate_revenue_aov_and_first_and_last_times()
    {
        var s = Fold(Ev.Order(0, 100, ("p1", "shoes")), Ev.Order(10, 50, ("p2", "hats")), Ev.Order(30, 30, ("p1", "shoes")));
        Assert.Equal(3, s.OrderCount);
        Assert.Equal(180, s.GrossRevenue);
        Assert.Equal(60, s.AverageOrderValue);
        Assert.Equal(15, s.MeanOrderGapDays);
        Assert.Equal(Ev.T0.ToUnixTimeMilliseconds(), s.FirstOrderMs);
        Assert.Equal(Ev.T0.AddDays(30).ToUnixTimeMilliseconds(), s.LastOrderMs);
        Assert.Equal(2, s.Purchased.Single(p => p.ProductId == "p1").Orders);
    }

    [Fact]
    public void Returns_reduce_net_revenue_and_are_counted()
    {
        var s = Fold(Ev.Order(0, 100, ("p1", "shoes")), Ev.Of(EventType.OrderReturned, daysAfterT0: 5) with { Amount = 40 });
        Assert.Equal(60, s.NetRevenue);
        Assert.Equal(1, s.ReturnCount);
        Assert.Equal(Ev.T0.AddDays(5).ToUnixTimeMilliseconds(), s.LastReturnMs);
    }

    [Fact]
    public void Cart_changes_track_items_value_and_last_change_and_an_order_empties_it()
    {
        var s = Fold(Ev.AddToCart(0, "p1", 10, 2), Ev.AddToCart(0.1, "p2", 5), Ev.Of(EventType.RemovedFromCart, daysAfterT0: 0.2) with { ProductId = "p2" });
        Assert.Equal(20, s.CartValue);
        Assert.Equal(Ev.T0.AddDays(0.2).ToUnixTimeMilliseconds(), s.CartUpdatedMs);
        CustomerFold.Apply(s, Ev.Order(0.3, 20, ("p1", "shoes")));
        Assert.Empty(s.Cart);
    }

    [Fact]
    public void A_late_order_older_than_the_cart_does_not_empty_the_newer_cart()
    {
        var s = Fold(Ev.AddToCart(5, "p9", 10), Ev.Order(1, 20, ("p1", "shoes")));
        Assert.Single(s.Cart);
    }

    [Fact]
    public void Out_of_order_events_keep_first_and_last_times_as_min_and_max()
    {
        var s = Fold(Ev.Order(10, 10, ("p1", "a")), Ev.Order(2, 10, ("p2", "a")), Ev.View(1, "p3"), Ev.Order(6, 10, ("p3", "a")));
        Assert.Equal(Ev.T0.AddDays(1).ToUnixTimeMilliseconds(), s.FirstSeenMs);
        Assert.Equal(Ev.T0.AddDays(10).ToUnixTimeMilliseconds(), s.LastSeenMs);
        Assert.Equal(Ev.T0.AddDays(2).ToUnixTimeMilliseconds(), s.FirstOrderMs);
        Assert.Equal(Ev.T0.AddDays(10).ToUnixTimeMilliseconds(), s.LastOrderMs);
        Assert.Equal(s.RecentOrderMs.Order().ToList(), s.RecentOrderMs);
        Assert.Equal(4, s.MeanOrderGapDays);
    }

    [Fact]
    public void Views_update_recent_items_newest_first_and_category_counts()
    {
        var s = Fold(Ev.View(0, "p1"), Ev.View(1, "p2", "hats"), Ev.View(2, "p1"));
        Assert.Equal(["p1", "p2"], s.RecentItems.Select(r => r.ProductId));
        Assert.Equal(2, s.Categories.Single(c => c.Category == "shoes").Count);
        Assert.Equal(3, s.ViewCount);
    }

    [Fact]
    public void Category_affinity_decays_with_a_thirty_day_half_life()
    {
        var s = Fold(Ev.View(0, "p1"), Ev.View(30, "p2"));
        var shoes = s.Categories.Single();
        Assert.Equal(1.5, shoes.Score, 6);
        Assert.Equal(0.75, Decay.ScoreAt(shoes, Ev.T0.AddDays(60).ToUnixTimeMilliseconds()), 6);
    }

    [Fact]
    public void Email_review_and_ticket_signals_are_counted()
    {
        var s = Fold(
            Ev.Of(EventType.EmailOpened), Ev.Of(EventType.EmailClicked), Ev.Of(EventType.EmailUnsubscribed),
            Ev.Of(EventType.ReviewSubmitted) with { Rating = 5 }, Ev.Of(EventType.ReviewSubmitted) with { Rating = 1 },
            Ev.Of(EventType.SupportTicket) with { Rating = 2 }, Ev.Of(EventType.SupportTicket) with { Rating = 4 });
        Assert.Equal((1, 1, true), (s.EmailOpens, s.EmailClicks, s.EmailUnsubscribed));
        Assert.Equal((2, 6, 1), (s.ReviewCount, s.ReviewRatingSum, s.LowRatingCount));
        Assert.Equal((2, 1), (s.TicketCount, s.UnhappyTicketCount));
    }

    [Fact]
    public void Offers_shown_and_redeemed_are_remembered_for_contact_caps()
    {
        var s = Fold(Ev.Of(EventType.OfferShown) with { OfferId = "welcome10", Channel = "email" }, Ev.Order(1, 50, ("p1", "a")) with { OfferId = "welcome10" });
        Assert.Equal((1, 1), (s.OffersShown, s.OffersRedeemed));
        Assert.True(s.RecentOffers.Single().Redeemed);
    }

    [Fact]
    public void Catalog_events_do_not_change_a_customer()
    {
        var before = StateCodec.Encode(Fold(Ev.View(0, "p1")));
        var s = Fold(Ev.View(0, "p1"));
        s.RecentEventIds.Clear();
        Assert.NotNull(before);
        var upsert = Ev.Of(EventType.ProductUpserted) with { ProductId = "p1", Price = 3 };
        CustomerFold.Apply(s, upsert);
        Assert.Equal(1, s.ViewCount);
        Assert.Equal(0, s.OrderCount);
    }

    [Fact]
    public void The_same_event_id_is_applied_once()
    {
        var order = Ev.Order(0, 100, ("p1", "shoes"));
        var s = new CustomerState("c1");
        Assert.True(CustomerFold.TryApply(s, order));
        Assert.False(CustomerFold.TryApply(s, order));
        Assert.Equal(1, s.OrderCount);
    }

    [Fact]
    public void State_stays_bounded_whatever_the_history_length()
    {
        var s = new CustomerState("c1");
        for (var i = 0; i < 5_000; i++)
        {
            CustomerFold.Apply(s, Ev.View(i * 0.01, $"p{i}", $"cat{i % 50}"));
            CustomerFold.Apply(s, Ev.AddToCart(i * 0.01, $"p{i}", 10));
            CustomerFold.Apply(s, Ev.Order(i * 0.01, 10, ($"p{i}", $"cat{i % 50}")));
            CustomerFold.Apply(s, Ev.Of(EventType.OfferShown, daysAfterT0: i * 0.01) with { OfferId = $"offer{i}" });
        }

        Assert.Equal(5_000, s.OrderCount);
        Assert.True(s.RecentItems.Count <= StateLimits.RecentItems);
        Assert.True(s.Categories.Count <= StateLimits.Categories);
        Assert.True(s.Purchased.Count <= StateLimits.PurchasedItems);
        Assert.True(s.RecentOrderMs.Count <= StateLimits.RecentOrders);
        Assert.True(s.RecentOffers.Count <= StateLimits.RecentOffers);
        Assert.True(s.RecentEventIds.Count <= StateLimits.RecentEventIds);
        Assert.InRange(StateCodec.Encode(s).Length, 1, 2048);
    }
}
