using Realtime.Core.Lifecycle.Rfm;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class RfmTests
{
    [Fact]
    public void Small_counts_get_a_bucket_each_and_larger_values_share_ten_percent_buckets()
    {
        var buckets = Enumerable.Range(1, 10).Select(n => RfmBuckets.ValueBucket(n)).ToList();
        Assert.Equal(buckets.Count, buckets.Distinct().Count());
        Assert.Equal(RfmBuckets.ValueBucket(1000), RfmBuckets.ValueBucket(1050));
        Assert.NotEqual(RfmBuckets.ValueBucket(1000), RfmBuckets.ValueBucket(1200));
    }

    [Fact]
    public void Amounts_below_one_and_net_refunds_fall_in_bucket_zero()
    {
        Assert.Equal(0, RfmBuckets.ValueBucket(0.5));
        Assert.Equal(0, RfmBuckets.ValueBucket(-20));
        Assert.Equal(0, RfmBuckets.ValueBucket(double.NaN));
    }

    [Fact]
    public void A_bucket_contains_its_lower_bound()
    {
        foreach (var b in new[] { 1, 2, 17, 80, 200 })
        {
            Assert.Equal(b, RfmBuckets.ValueBucket(RfmBuckets.BucketLowerBound(b) * (1 + 1e-12)));
        }
    }

    [Fact]
    public void The_score_is_one_plus_the_fifths_of_the_population_strictly_below()
    {
        // Ten customers, one per bucket 1..10.
        var h = new RfmHistogram(Enumerable.Range(1, 10).Select(b => new KeyValuePair<int, double>(b, 1)));
        var scores = Enumerable.Range(1, 10).Select(b => RfmScorer.ScoreOf(h.ShareBelow(b))).ToList();
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], scores);
    }

    [Fact]
    public void Tied_customers_share_a_score_and_the_common_lowest_value_scores_one()
    {
        // 60% one order, 25% two, 15% three or more: typical store.
        var f = new RfmHistogram([new(RfmBuckets.ValueBucket(1), 60), new(RfmBuckets.ValueBucket(2), 25), new(RfmBuckets.ValueBucket(3), 15)]);
        Assert.Equal(1, RfmScorer.ScoreOf(f.ShareBelow(RfmBuckets.ValueBucket(1))));
        Assert.Equal(4, RfmScorer.ScoreOf(f.ShareBelow(RfmBuckets.ValueBucket(2))));
        Assert.Equal(5, RfmScorer.ScoreOf(f.ShareBelow(RfmBuckets.ValueBucket(3))));
    }

    [Fact]
    public void A_value_outside_the_histogram_ranks_against_everyone()
    {
        var h = new RfmHistogram([new(5, 10), new(6, 10)]);
        Assert.Equal(0, h.ShareBelow(1));
        Assert.Equal(1, h.ShareBelow(99));
        Assert.Equal(0.5, h.ShareBelow(6));
        Assert.Equal(0, RfmHistogram.Empty.ShareBelow(3));
    }

    [Fact]
    public void Negative_counts_from_racing_updates_are_ignored()
    {
        var h = new RfmHistogram([new(1, -1), new(2, 4)]);
        Assert.Equal(4, h.Total);
        Assert.Equal(0, h.ShareBelow(2));
    }

    [Fact]
    public void Recency_ranks_the_last_order_day_so_more_recent_buyers_score_higher()
    {
        var histograms = RfmHistograms.FromCounters(new Dictionary<string, double>
        {
            ["rfm:r:20000"] = 50,
            ["rfm:r:20090"] = 30,
            ["rfm:r:20100"] = 20,
            ["rfm:f:1"] = 100,
            ["rfm:m:40"] = 100,
            ["seg:hero"] = 3,
        });
        var recent = RfmScorer.Score(new RfmMetrics(20100, 1, 40), histograms);
        var old = RfmScorer.Score(new RfmMetrics(20000, 1, 40), histograms);
        Assert.Equal(new RfmScores(5, 1, 1), recent);
        Assert.Equal(1, old.Recency);
    }

    [Fact]
    public void Recency_edges_are_reported_in_days_before_now()
    {
        var h = new RfmHistogram(Enumerable.Range(0, 100).Select(d => new KeyValuePair<int, double>(20000 + d, 1)));
        var now = RfmBuckets.DayStart(20100);
        Assert.Equal([21, 41, 61, 81], RfmScorer.RecencyEdgesInDays(h, now));
    }

    [Fact]
    public void Metrics_come_from_the_state_and_are_absent_without_orders()
    {
        var c = new Customer().Viewed(Customer.T0);
        Assert.Null(RfmMetrics.From(c.State));
        c.Ordered(Customer.T0, 100).Ordered(Customer.T0.AddDays(3), 50);
        var m = RfmMetrics.From(c.State)!.Value;
        Assert.Equal(RfmBuckets.DayBucket(Customer.T0.AddDays(3).ToUnixTimeMilliseconds()), m.LastOrderDay);
        Assert.Equal(RfmBuckets.ValueBucket(2), m.FrequencyBucket);
        Assert.Equal(RfmBuckets.ValueBucket(150), m.MonetaryBucket);
    }
}
