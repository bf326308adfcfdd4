using Realtime.Core.Churn;
using Realtime.Core.Events;
using static Realtime.Core.Tests.Churn.ChurnEvents;

namespace Realtime.Core.Tests.Churn;

public sealed class TrainingSetBuilderTests
{
    private static readonly TimeSpan s_horizon = TimeSpan.FromDays(90);

    [Fact]
    public void Features_at_a_cutoff_ignore_later_events()
    {
        var cutoff = Day(100);
        var before = new[] { Order("c1", Day(10)), Order("c1", Day(50)), Of(EventType.EmailOpened, "c1", Day(100)) };
        var after = new[] { Order("c1", Day(100.001), 500), Of(EventType.SupportTicket, "c1", Day(120), rating: 1) };

        var example = Assert.Single(Build([.. after, .. before], [cutoff]).Examples);

        Assert.Equal(ChurnFeaturesTests.Compute(ChurnFeaturesTests.Fold("c1", before), cutoff), example.Features);
        Assert.Equal(2, example.Features[FeatureSchema.OrderCount]);
        Assert.Equal(0, example.Features[FeatureSchema.UnhappyTicketCount]);
        Assert.False(example.Churned);
    }

    [Fact]
    public void Training_and_serving_paths_give_identical_vectors()
    {
        var events = new[] { Order("c1", Day(0)), Of(EventType.ProductViewed, "c1", Day(5)), Order("c1", Day(30)), Of(EventType.AddedToCart, "c1", Day(31)) };
        var cutoff = Day(60);

        var training = Assert.Single(Build(events, [cutoff]).Examples).Features;
        var serving = ChurnFeaturesTests.Compute(ChurnFeaturesTests.Fold("c1", events), cutoff);

        Assert.Equal(serving, training);
    }

    [Fact]
    public void An_order_exactly_at_the_horizon_edge_means_retained()
    {
        var cutoff = Day(100);
        var set = Build([Order("c1", Day(10)), Order("c1", cutoff + s_horizon)], [cutoff]);

        Assert.False(Assert.Single(set.Examples).Churned);
    }

    [Fact]
    public void An_order_just_after_the_horizon_means_churned()
    {
        var cutoff = Day(100);
        var set = Build([Order("c1", Day(10)), Order("c1", cutoff + s_horizon + TimeSpan.FromSeconds(1))], [cutoff]);

        Assert.True(Assert.Single(set.Examples).Churned);
    }

    [Fact]
    public void An_order_exactly_at_the_cutoff_is_a_feature_not_a_label()
    {
        var cutoff = Day(100);
        var example = Assert.Single(Build([Order("c1", Day(10)), Order("c1", cutoff)], [cutoff], dataEnd: Day(300)).Examples);

        Assert.Equal(2, example.Features[FeatureSchema.OrderCount]);
        Assert.True(example.Churned);
    }

    [Fact]
    public void Examples_whose_label_window_passes_the_data_end_are_dropped()
    {
        var set = Build([Order("c1", Day(10)), Order("c2", Day(150))], [Day(50), Day(100)], dataEnd: Day(160));

        Assert.Equal([Day(50)], set.Cutoffs);
        Assert.Equal(1, set.UnlabeledDropped);
        Assert.True(Assert.Single(set.Examples).Churned);
    }

    [Fact]
    public void Customers_without_an_order_by_the_cutoff_are_not_examples()
    {
        var set = Build([Of(EventType.ProductViewed, "c1", Day(1)), Order("c2", Day(2)), Order("c1", Day(20))], [Day(10)], dataEnd: Day(200));

        Assert.Equal("c2", Assert.Single(set.Examples).CustomerId);
    }

    [Fact]
    public void Backtest_cutoffs_are_one_horizon_apart_and_fully_labelled()
    {
        var cutoffs = CutoffPlan.Backtest(Day(0), Day(400), s_horizon);

        Assert.Equal([Day(130), Day(220), Day(310)], cutoffs);
    }

    private static TrainingSet Build(IEnumerable<CustomerEvent> events, DateTimeOffset[] cutoffs, DateTimeOffset? dataEnd = null) =>
        TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = cutoffs, Horizon = s_horizon, DataEnd = dataEnd ?? Day(1000) });
}
