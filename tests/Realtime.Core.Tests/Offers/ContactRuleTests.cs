using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class ContactRuleTests
{
    private readonly OfferDecisionEngine _engine = PlaybookWithoutHoldout();

    private static OfferVerdict VerdictOf(OfferDecision decision, string offerId) =>
        Assert.Single(decision.Alternatives, a => a.OfferId == offerId).Verdict;

    [Fact]
    public void Two_email_offers_in_a_week_block_a_third_on_email_but_not_on_web()
    {
        var customer = WithOrders("k1", 4, 60, 20).Shown("other_a", "email", 2).Shown("other_b", "email", 5);

        var email = _engine.Explain(Request(customer, "email", segments: Segment.Active));
        var web = _engine.Explain(Request(customer, "web", segments: Segment.Active));

        Assert.True(email.IsNone);
        Assert.Equal(OfferVerdict.ChannelCapped, VerdictOf(email, "cross_sell"));
        Assert.Equal("cross_sell", web.OfferId);
    }

    [Fact]
    public void A_trigger_sent_today_on_the_channel_uses_the_shared_daily_budget_of_one_but_not_the_web_budget()
    {
        var customer = WithOrders("k8", 4, 60, 20);
        var dayStart = DaysAgo(0.5);
        var budget = new SharedContactBudget("email", MaxContactsPerDay: 1, dayStart, TriggerContactsToday: 1);

        var email = _engine.Explain(Request(customer, "email", segments: Segment.Active) with { SharedBudget = budget });
        var web = _engine.Explain(Request(customer, "web", segments: Segment.Active) with { SharedBudget = budget });
        var noTrigger = _engine.Explain(Request(customer, "email", segments: Segment.Active) with { SharedBudget = budget with { TriggerContactsToday = 0 } });

        Assert.True(email.IsNone);
        Assert.Equal(OfferVerdict.ChannelCapped, VerdictOf(email, "cross_sell"));
        Assert.Contains("shared with triggers", Assert.Single(email.Alternatives, a => a.OfferId == "cross_sell").Reason, StringComparison.Ordinal);
        Assert.Equal("cross_sell", web.OfferId);
        Assert.Equal("cross_sell", noTrigger.OfferId);
    }

    [Fact]
    public void A_budget_of_two_lets_one_offer_follow_a_trigger_and_counts_only_todays_offers_on_the_channel()
    {
        var dayStart = DaysAgo(0.5);
        var budget = new SharedContactBudget("email", MaxContactsPerDay: 2, dayStart, TriggerContactsToday: 1);
        // An email offer yesterday and a web offer today do not count against today's email budget.
        var fresh = WithOrders("k9", 4, 60, 20).Shown("other_a", "email", 1).Shown("other_b", "web", 0.1);
        var usedUp = WithOrders("k10", 4, 60, 20).Shown("other_a", "email", 0.1);

        Assert.Equal("cross_sell", _engine.Explain(Request(fresh, "email", segments: Segment.Active) with { SharedBudget = budget }).OfferId);
        var refused = _engine.Explain(Request(usedUp, "email", segments: Segment.Active) with { SharedBudget = budget });
        Assert.True(refused.IsNone);
        Assert.Equal(OfferVerdict.ChannelCapped, VerdictOf(refused, "cross_sell"));
    }

    [Fact]
    public void Email_contacts_older_than_the_cap_period_do_not_count()
    {
        var customer = WithOrders("k2", 4, 60, 20).Shown("other_a", "email", 8).Shown("other_b", "email", 9);

        Assert.Equal("cross_sell", _engine.Explain(Request(customer, "email", segments: Segment.Active)).OfferId);
    }

    [Fact]
    public void Neither_the_same_offer_nor_a_variant_of_its_kind_is_repeated_within_the_no_repeat_days()
    {
        var customer = WithOrders("k3", 1, 60, 14).Shown("second_purchase_10", "web", 3);

        var decision = _engine.Explain(Request(customer, segments: Segment.FirstTimeBuyer));

        Assert.True(decision.IsNone);
        Assert.Equal(OfferVerdict.RecentlyShown, VerdictOf(decision, "second_purchase_10"));
        Assert.Equal(OfferVerdict.RecentlyShown, VerdictOf(decision, "second_purchase_free_shipping"));
    }

    [Fact]
    public void Sales_offers_wait_after_a_purchase_but_rewards_do_not()
    {
        var active = _engine.Explain(Request(WithOrders("k4", 4, 60, 1), segments: Segment.Active));
        var hero = _engine.Explain(Request(WithOrders("k5", 12, 150, 1), segments: Segment.Hero));

        Assert.True(active.IsNone);
        Assert.Equal(OfferVerdict.SuppressedAfterPurchase, VerdictOf(active, "cross_sell"));
        Assert.Equal("loyalty_early_access", hero.OfferId);
    }

    [Fact]
    public void Unsubscribed_customer_gets_no_email_offer_but_can_still_see_one_on_the_web()
    {
        var customer = WithOrders("k6", 1, 60, 14);
        customer.EmailUnsubscribed = true;

        var email = _engine.Explain(Request(customer, "email", segments: Segment.FirstTimeBuyer));
        var web = _engine.Explain(Request(customer, "web", segments: Segment.FirstTimeBuyer));

        Assert.True(email.IsNone);
        Assert.Equal(OfferVerdict.Unsubscribed, VerdictOf(email, "second_purchase_10"));
        Assert.Equal("second_purchase_10", web.OfferId);
    }

    [Fact]
    public void An_offer_whose_budget_would_be_overspent_is_not_chosen()
    {
        var request = Request(WithOrders("k7", 6, 100, 120), churn: 0.7, clv: 800, segments: Segment.AtRisk) with
        {
            BudgetUsed = new Dictionary<string, OfferBudgetUsage> { ["win_back_vip_20"] = new(Redemptions: 5000, Spend: 99_990) },
        };

        var decision = _engine.Explain(request);

        Assert.True(decision.IsNone);
        Assert.Equal(OfferVerdict.BudgetExhausted, VerdictOf(decision, "win_back_vip_20"));
    }

    [Fact]
    public void An_offer_past_its_valid_until_is_not_shown()
    {
        var catalog = DefaultOfferCatalog.Catalog;
        var expired = catalog with
        {
            Policy = catalog.Policy with { HoldoutShare = 0 },
            Offers = [.. catalog.Offers.Select(o => o.Id == "cross_sell" ? o with { ValidUntil = Now.AddDays(-1) } : o)],
        };

        var decision = new OfferDecisionEngine(expired).Explain(Request(WithOrders("k8", 4, 60, 20), segments: Segment.Active));

        Assert.True(decision.IsNone);
        Assert.Equal(OfferVerdict.Expired, VerdictOf(decision, "cross_sell"));
    }

    [Fact]
    public void An_offer_is_not_shown_on_a_channel_it_does_not_list()
    {
        var decision = _engine.Explain(Request(WithOrders("k9", 3, 60, 120), "web", churn: 0.7, clv: 200, segments: Segment.AtRisk));

        Assert.Equal(OfferVerdict.WrongChannel, VerdictOf(decision, "win_back_10"));
    }
}
