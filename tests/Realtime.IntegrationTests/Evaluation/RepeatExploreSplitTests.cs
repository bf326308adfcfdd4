using Realtime.Core.Recommendations;
using Realtime.Evaluation.Recs;
using Realtime.Evaluation.Recs.Baselines;
using static Realtime.IntegrationTests.Evaluation.Orders;

namespace Realtime.IntegrationTests.Evaluation;

/// <summary>The repeat/explore split (Li et al. 2023) on hand-made cases.</summary>
public sealed class RepeatExploreSplitTests
{
    [Fact]
    public void Test_items_split_by_whether_the_customer_bought_them_before_and_the_repeat_share_counts_the_top_ten()
    {
        var split = new RepeatExploreMetrics();
        var bought = new HashSet<string> { "r", "p1" };
        string[] ranked = ["p1", "r", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "e"];

        split.Add(ranked, ["r", "e"], bought); // r (repeat) at rank 2, e (explore) at rank 12: outside the top 10
        split.Add(ranked, ["q3"], bought);     // explore only, rank 3

        Assert.Equal(1, split.Repeat.Cases);
        Assert.Equal(1.0, split.Repeat.HitRate);
        Assert.Equal(1 / Math.Log2(3), split.Repeat.Ndcg, 12);
        Assert.Equal(2, split.Explore.Cases);
        Assert.Equal(0.5, split.Explore.HitRate);
        Assert.Equal(1 / Math.Log2(4) / 2, split.Explore.Ndcg, 12);
        Assert.Equal(0.2, split.RepeatShare, 12); // p1 and r in each top 10
    }

    [Fact]
    public void In_the_harness_an_item_is_a_repeat_only_if_bought_before_the_question()
    {
        // A bought x in January. Test invoice 1 (July): x is a repeat, y is new. Test invoice 2 (August): y, bought in
        // July, is now a repeat. B makes y popular so that P-TopFreq's fill ranks it.
        var events = new[]
        {
            Order("A", 0, "x"), Order("B", 1, "y"), Order("B", 2, "y"),
            Order("A", 190, "x", "y"), Order("A", 220, "y"),
        };
        var data = RecsDatasets.OnlineRetail(events, Start.AddDays(181), DateTimeOffset.MaxValue);
        var harness = new RecsHarness(new RecommendationOptions(), new ItemSignalOptions { Epoch = Start }, new TifuKnnParameters());

        var report = harness.Run(data);

        var (_, pTopFreq) = Assert.Single(report.Systems, s => s.Name == "ptopfreq");
        Assert.Equal(2, pTopFreq.All.Cases);
        Assert.Equal(2, pTopFreq.Split.Repeat.Cases); // x in July, y in August
        Assert.Equal(1, pTopFreq.Split.Explore.Cases); // y in July
        Assert.Equal(1.0, pTopFreq.Split.Repeat.HitRate);
        Assert.Equal(1.0, pTopFreq.Split.Explore.HitRate); // y reaches A's list through the popularity fill
        // July: [x, y] (x bought, y not yet): 1/2; August: [x, y] both bought: 1.
        Assert.Equal(0.75, pTopFreq.Split.RepeatShare, 12);
    }
}
