using Realtime.Evaluation.Recs;
using static Realtime.IntegrationTests.Evaluation.Orders;

namespace Realtime.IntegrationTests.Evaluation;

/// <summary>Baselines are tuned on a validation set that holds no test event and ends before the test window.</summary>
public sealed class ValidationWindowTests
{
    [Fact]
    public void The_online_retail_validation_window_ends_where_the_test_window_starts()
    {
        var cutoff = Start.AddDays(181);
        var until = cutoff.AddDays(30);
        // Two customers ordering every five days for nine months.
        var events = Enumerable.Range(0, 55).SelectMany(d => new[] { Order("A", d * 5, "x"), Order("B", (d * 5) + 1, "y") }).ToList();

        var data = RecsDatasets.OnlineRetail(events, cutoff, until);
        var validation = data.Validation!;

        Assert.Equal((cutoff.AddDays(-30), cutoff), RecsDatasets.ValidationWindow(cutoff, until, events[^1].OccurredAt));
        Assert.NotEmpty(validation.Targets);
        Assert.All(validation.Events, e => Assert.True(e.OccurredAt < cutoff));
        Assert.All(validation.Targets.Keys, i => Assert.InRange(validation.Events[i].OccurredAt, cutoff.AddDays(-30), cutoff.AddTicks(-1)));
        Assert.All(data.Targets.Keys, i => Assert.InRange(data.Events[i].OccurredAt, cutoff, until.AddTicks(-1)));
        Assert.Empty(validation.Events.Intersect(data.Targets.Keys.Select(i => data.Events[i])));
    }

    [Fact]
    public void An_open_test_window_is_matched_by_a_validation_window_as_long_as_the_rest_of_the_log()
    {
        var cutoff = Start.AddDays(100);

        Assert.Equal((Start.AddDays(80), cutoff), RecsDatasets.ValidationWindow(cutoff, DateTimeOffset.MaxValue, Start.AddDays(120)));
        Assert.Equal((Start.AddDays(39), cutoff), RecsDatasets.ValidationWindow(cutoff, DateTimeOffset.MaxValue, Start.AddDays(90)));
    }

    [Fact]
    public void The_movielens_validation_leaves_out_every_users_last_rating_and_asks_for_the_one_before()
    {
        var events = new[]
        {
            View("u1", 0, "m1"), Order("u1", 0, "m1"), View("u2", 1, "m2"), View("u1", 2, "m3"),
            View("u2", 3, "m4"), Order("u2", 3, "m4"), View("u1", 4, "m5"), Order("u1", 4, "m5"),
        };

        var data = RecsDatasets.MovieLens(events);
        var validation = data.Validation!;

        Assert.Equal(["m4", "m5"], data.Targets.OrderBy(t => t.Key).Select(t => Assert.Single(t.Value)));
        Assert.Equal(events[..4], validation.Events); // both test ratings gone, with their orders
        Assert.Equal(["m2", "m3"], validation.Targets.OrderBy(t => t.Key).Select(t => Assert.Single(t.Value)));
    }
}
