using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using static Realtime.Core.Tests.Offers.OfferCustomers;

namespace Realtime.Core.Tests.Offers;

public sealed class HoldoutTests
{
    [Fact]
    public void Holdout_assignment_is_the_same_every_time_for_a_customer()
    {
        var first = new HoldoutAssigner(0.1, "salt-a");
        var second = new HoldoutAssigner(0.1, "salt-a");

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(first.IsHoldout($"customer-{i}"), second.IsHoldout($"customer-{i}"));
        }
    }

    [Theory]
    [InlineData(0.10)]
    [InlineData(0.05)]
    [InlineData(0.20)]
    public void Holdout_share_is_within_half_a_point_of_the_configured_share_over_100k_ids(double share)
    {
        var assigner = new HoldoutAssigner(share, "retention-playbook-v1");

        var heldOut = Enumerable.Range(0, 100_000).Count(i => assigner.IsHoldout($"c{i}"));

        Assert.InRange(heldOut / 100_000.0, share - 0.005, share + 0.005);
    }

    [Fact]
    public void A_new_salt_draws_a_different_holdout_group()
    {
        var a = new HoldoutAssigner(0.1, "salt-a");
        var b = new HoldoutAssigner(0.1, "salt-b");

        var both = Enumerable.Range(0, 100_000).Count(i => a.IsHoldout($"c{i}") && b.IsHoldout($"c{i}"));

        // Independent groups overlap in about share² of customers (1 %), not in the whole 10 %.
        Assert.InRange(both / 100_000.0, 0.007, 0.013);
    }

    [Fact]
    public void Holdout_customer_gets_none_but_the_decision_says_what_they_would_have_got()
    {
        var engine = new OfferDecisionEngine(DefaultOfferCatalog.Catalog);
        var id = Enumerable.Range(0, 1000).Select(i => $"h{i}").First(engine.Holdout.IsHoldout);

        var decision = engine.Explain(Request(WithOrders(id, 1, 60, 14), segments: Segment.FirstTimeBuyer));

        Assert.True(decision.Holdout);
        Assert.True(decision.IsNone);
        Assert.Equal(0, decision.ExpectedValue);
        Assert.Equal("second_purchase_10", decision.WouldHaveOfferId);
        Assert.True(decision.WouldHaveExpectedValue > 0);
    }
}
