using Realtime.Core.Churn;
using Realtime.Core.Events;
using Realtime.Core.State;
using static Realtime.Core.Tests.Churn.ChurnEvents;

namespace Realtime.Core.Tests.Churn;

public sealed class ChurnFeaturesTests
{
    [Fact]
    public void Schema_names_match_the_vector_layout()
    {
        Assert.Equal(FeatureSchema.Count, FeatureSchema.Names.Count);
        Assert.Equal(FeatureSchema.Count, FeatureSchema.Names.Distinct().Count());
        Assert.Equal("recency_days", FeatureSchema.NameOf(FeatureSchema.RecencyDays));
        Assert.Equal("channel_other", FeatureSchema.NameOf(FeatureSchema.ChannelOther));
        Assert.Equal("email_unsubscribed", FeatureSchema.NameOf(FeatureSchema.EmailUnsubscribed));
    }

    [Fact]
    public void Recency_frequency_and_gaps_describe_the_order_history()
    {
        var state = Fold("c1", Order("c1", Day(0), 30), Order("c1", Day(10), 50), Order("c1", Day(30), 100));
        var f = Compute(state, Day(90));

        Assert.Equal(60, f[FeatureSchema.RecencyDays], 3);
        Assert.Equal(3, f[FeatureSchema.OrderCount]);
        Assert.Equal(60, f[FeatureSchema.AverageOrderValue], 3);
        Assert.Equal(15, f[FeatureSchema.MeanGapDays], 3);
        Assert.Equal(5, f[FeatureSchema.GapStdDays], 3);
        Assert.Equal(20, f[FeatureSchema.LastGapDays], 3);
        Assert.Equal(4, f[FeatureSchema.OverdueRatio], 3);
        Assert.Equal(2, f[FeatureSchema.Orders90d]);
        Assert.Equal(1, f[FeatureSchema.OrdersPrev90d]);
    }

    [Fact]
    public void A_customer_without_orders_has_missing_recency_and_the_neutral_baseline()
    {
        var state = Fold("c1", Of(EventType.CustomerRegistered, "c1", Day(0)), Of(EventType.ProductViewed, "c1", Day(1)));
        var f = Compute(state, Day(10));

        Assert.Equal(FeatureSchema.Missing, f[FeatureSchema.RecencyDays]);
        Assert.Equal(0, f[FeatureSchema.HasOrdered]);
        Assert.Equal(1, f[FeatureSchema.ChannelPaid]);
        Assert.Equal(10, f[FeatureSchema.TenureDays], 3);
        Assert.Equal(BaselineChurnScore.NoOrderScore, BaselineChurnScore.Score(f));
    }

    [Fact]
    public void Negative_experience_and_cart_signals_are_captured()
    {
        var state = Fold(
            "c1",
            Order("c1", Day(0)),
            Of(EventType.SupportTicket, "c1", Day(5), rating: 1),
            Of(EventType.ReviewSubmitted, "c1", Day(6), rating: 2),
            Of(EventType.AddedToCart, "c1", Day(8)));
        var f = Compute(state, Day(10));

        Assert.Equal(1, f[FeatureSchema.UnhappyTicketCount]);
        Assert.Equal(1, f[FeatureSchema.LowRatingCount]);
        Assert.Equal(4, f[FeatureSchema.DaysSinceNegativeExperience], 3);
        Assert.Equal(10, f[FeatureSchema.CartValue], 3);
        Assert.Equal(2, f[FeatureSchema.CartAgeDays], 3);
    }

    [Fact]
    public void Baseline_score_rises_with_time_since_the_last_order()
    {
        var state = Fold("c1", Order("c1", Day(0)));
        var soon = BaselineChurnScore.Score(Compute(state, Day(10)));
        var late = BaselineChurnScore.Score(Compute(state, Day(200)));

        Assert.InRange(soon, 0f, late);
        Assert.Equal(0.5f, BaselineChurnScore.Score(Compute(state, Day(BaselineChurnScore.DefaultGapDays))), 3);
        Assert.InRange(late, 0f, 1f);
    }

    [Fact]
    public void Same_state_and_time_give_identical_vectors()
    {
        var events = new[] { Order("c1", Day(0)), Of(EventType.EmailOpened, "c1", Day(3)), Order("c1", Day(20)) };
        var a = Compute(Fold("c1", events), Day(40));
        var b = Compute(Fold("c1", events), Day(40));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Computing_features_does_not_allocate()
    {
        var state = Fold("c1", Order("c1", Day(0)), Order("c1", Day(9)), Of(EventType.ProductViewed, "c1", Day(10)));
        Span<float> f = stackalloc float[FeatureSchema.Count];
        ChurnFeatures.Compute(state, Day(30), f);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            ChurnFeatures.Compute(state, Day(30), f);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    internal static CustomerState Fold(string customer, params CustomerEvent[] events)
    {
        var state = new CustomerState(customer);
        foreach (var e in events)
        {
            CustomerFold.Apply(state, e);
        }

        return state;
    }

    internal static float[] Compute(CustomerState state, DateTimeOffset now)
    {
        var f = new float[FeatureSchema.Count];
        ChurnFeatures.Compute(state, now, f);
        return f;
    }
}
