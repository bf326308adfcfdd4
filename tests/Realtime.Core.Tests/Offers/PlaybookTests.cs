using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class PlaybookTests
{
    private readonly OfferDecisionEngine _engine = PlaybookWithoutHoldout();

    [Fact]
    public void First_time_buyer_two_weeks_after_the_first_order_gets_the_second_purchase_incentive()
    {
        var decision = _engine.Explain(Request(WithOrders("c1", 1, 60, 14), segments: Segment.FirstTimeBuyer));

        Assert.Equal("second_purchase_10", decision.OfferId);
        Assert.True(decision.ExpectedValue > 0);
    }

    [Fact]
    public void Cart_abandoner_gets_a_cart_reminder_that_costs_nothing()
    {
        var customer = WithOrders("c2", 0, 0, 0).WithCart(80);

        var decision = _engine.Explain(Request(customer, segments: [Segment.New, Segment.CartAbandoner]));

        Assert.Equal("cart_reminder", decision.OfferId);
        Assert.Equal(0, decision.Alternatives[0].CostIfAccepted);
    }

    [Fact]
    public void Valuable_at_risk_customer_gets_the_bigger_win_back_offer()
    {
        var decision = _engine.Explain(Request(WithOrders("c3", 6, 100, 120), churn: 0.7, clv: 800, segments: Segment.AtRisk));

        Assert.Equal("win_back_vip_20", decision.OfferId);
    }

    [Fact]
    public void Ordinary_at_risk_customer_gets_the_standard_win_back_offer()
    {
        var decision = _engine.Explain(Request(WithOrders("c4", 3, 60, 120), churn: 0.7, clv: 200, segments: Segment.AtRisk));

        Assert.Equal("win_back_10", decision.OfferId);
    }

    [Fact]
    public void Win_back_value_grows_with_lifetime_value_and_churn_risk()
    {
        double Value(double clv, double churn) =>
            _engine.Explain(Request(WithOrders("c5", 3, 60, 120), churn: churn, clv: clv, segments: Segment.AtRisk)).ExpectedValue;

        Assert.True(Value(280, 0.8) > Value(140, 0.8));
        Assert.True(Value(280, 0.8) > Value(280, 0.4));
    }

    [Fact]
    public void Hero_gets_early_access()
    {
        var decision = _engine.Explain(Request(WithOrders("c6", 12, 150, 20), segments: Segment.Hero));

        Assert.Equal("loyalty_early_access", decision.OfferId);
    }

    [Fact]
    public void Happy_repeat_customer_gets_a_referral_invitation()
    {
        var customer = WithOrders("c7", 3, 60, 20).Reviewed(rating: 5, count: 2);

        var decision = _engine.Explain(Request(customer, segments: Segment.Active));

        Assert.Equal("referral_invite", decision.OfferId);
    }

    [Fact]
    public void Active_customer_without_reviews_gets_a_cross_sell()
    {
        var decision = _engine.Explain(Request(WithOrders("c8", 4, 60, 20), segments: Segment.Active));

        Assert.Equal("cross_sell", decision.OfferId);
    }

    [Fact]
    public void Frequent_buyer_of_a_repeatable_product_gets_a_subscription_invitation()
    {
        var customer = WithOrders("c9", 5, 40, 20);
        customer.Purchased.Add(new("coffee-beans", "coffee", Orders: 4, FirstMs: DaysAgo(150), LastMs: DaysAgo(20)));

        var decision = _engine.Explain(Request(customer, segments: Segment.Active));

        Assert.Equal("subscription_invite", decision.OfferId);
    }

    [Fact]
    public void Negative_experience_gets_service_recovery_which_overrides_sales_offers()
    {
        var customer = WithOrders("c10", 1, 60, 14);

        var decision = _engine.Explain(Request(customer, segments: [Segment.FirstTimeBuyer, Segment.NegativeExperience]));

        Assert.Equal("service_recovery_credit", decision.OfferId);
        var salesOffer = Assert.Single(decision.Alternatives, a => a.OfferId == "second_purchase_10");
        Assert.Equal(OfferVerdict.Overridden, salesOffer.Verdict);
    }

    [Fact]
    public void Service_recovery_sets_aside_a_profitable_win_back_offer()
    {
        var customer = WithOrders("c11", 6, 100, 120);
        var request = Request(customer, churn: 0.9, clv: 3000, segments: [Segment.AtRisk, Segment.NegativeExperience]);

        var decision = _engine.Explain(request);

        var winBack = Assert.Single(decision.Alternatives, a => a.OfferId == "win_back_vip_20");
        Assert.Equal("service_recovery_credit", decision.OfferId);
        Assert.Equal(OfferVerdict.Overridden, winBack.Verdict);
        Assert.True(winBack.ExpectedValue > 0);
    }

    [Fact]
    public void At_risk_customer_worth_little_gets_none_because_nothing_is_worth_its_cost()
    {
        var decision = _engine.Explain(Request(WithOrders("c12", 1, 20, 200), churn: 0.05, clv: 25, segments: Segment.AtRisk));

        Assert.True(decision.IsNone);
        Assert.Contains(decision.Alternatives, a => a.OfferId == "win_back_10" && a.Verdict == OfferVerdict.NotWorthIt);
    }

    [Fact]
    public void New_visitor_without_a_cart_gets_none_and_every_offer_says_why()
    {
        var decision = _engine.Explain(Request(WithOrders("c13", 0, 0, 0), segments: Segment.New));

        Assert.True(decision.IsNone);
        Assert.Equal(DefaultOfferCatalog.Catalog.Offers.Count, decision.Alternatives.Count);
        Assert.All(decision.Alternatives, a => Assert.False(string.IsNullOrEmpty(a.Reason)));
        Assert.Equal(DefaultOfferCatalog.Catalog.Version, decision.CatalogVersion);
    }
}
