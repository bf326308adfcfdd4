using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class LifecycleInsightsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private readonly LifecycleOptions _options = new();

    [Fact]
    public void Returning_revenue_share_covers_only_the_days_in_its_window()
    {
        var counters = new Dictionary<string, double>
        {
            ["rev:first:2026-11-23"] = 100,
            ["rev:returning:2026-11-23"] = 300,
            ["rev:first:2026-10-01"] = 600,
            ["rev:returning:2026-10-01"] = 0,
        };
        Assert.Equal(0.75, LifecycleInsights.ReturningShare(counters, s_now, 30));
        Assert.Equal(0.3, LifecycleInsights.ReturningShare(counters, s_now, 90));
        Assert.Null(LifecycleInsights.ReturningShare(new Dictionary<string, double>(), s_now, 30));
    }

    [Fact]
    public void Clv_to_cac_is_judged_per_channel_and_blended_overall()
    {
        var counters = new Dictionary<string, double>
        {
            ["chan:ads:customers"] = 100,
            ["chan:ads:cac"] = 5000,
            ["chan:ads:clv"] = 4000,
            ["chan:ads:revenue"] = 3000,
            ["chan:email:customers"] = 50,
            ["chan:email:cac"] = 500,
            ["chan:email:clv"] = 1500,
            ["chan:organic:customers"] = 20,
            ["chan:organic:clv"] = 900,
        };

        var summary = LifecycleInsights.Summarize(counters, s_now, _options);

        var ads = summary.Channels.Single(c => c.Channel == "ads");
        Assert.Equal(0.8, ads.ClvToCac!.Value, 9);
        Assert.Equal(ClvCacVerdict.LosingMoney, ads.Verdict);
        Assert.Equal(50, ads.AverageCac);
        Assert.Equal(ClvCacVerdict.Healthy, summary.Channels.Single(c => c.Channel == "email").Verdict);
        Assert.Equal(ClvCacVerdict.Unknown, summary.Channels.Single(c => c.Channel == "organic").Verdict);
        Assert.Equal(6400.0 / 5500, summary.Overall.ClvToCac!.Value, 9);
        Assert.Equal(["ads", "email", "organic"], summary.Channels.Select(c => c.Channel));
    }

    [Fact]
    public void Gross_margin_scales_clv_before_comparing_with_cac()
    {
        var counters = new Dictionary<string, double> { ["chan:ads:customers"] = 10, ["chan:ads:cac"] = 100, ["chan:ads:clv"] = 1000 };
        var summary = LifecycleInsights.Summarize(counters, s_now, new LifecycleOptions { GrossMargin = 0.3 });
        Assert.Equal(3, summary.Overall.ClvToCac!.Value, 9);
    }

    [Fact]
    public void The_summary_lists_every_segment_and_recent_weeks_oldest_first()
    {
        var counters = new Dictionary<string, double> { ["seg:hero"] = 4, ["cust:new:2026-W48"] = 7, ["cust:returning:2026-W47"] = 2 };
        var summary = LifecycleInsights.Summarize(counters, s_now, _options);
        Assert.Equal(SegmentNames.All.Count, summary.SegmentSizes.Count);
        Assert.Equal(4, summary.SegmentSizes["hero"]);
        Assert.Equal(0, summary.SegmentSizes["at_risk"]);
        Assert.Equal(8, summary.Weeks.Count);
        Assert.Equal(new WeeklyCustomers("2026-W48", 7, 0), summary.Weeks[^1]);
        Assert.Equal(2, summary.Weeks[^2].Returning);
    }

    [Fact]
    public void Maturity_uses_the_orders_of_the_last_four_weeks()
    {
        var counters = Enumerable.Range(0, 28).ToDictionary(d => CounterKeys.Orders(CounterKeys.Day(s_now.AddDays(-d))), _ => 2.0);
        var summary = LifecycleInsights.Summarize(counters, s_now, _options);
        Assert.Equal(MaturityStage.Consistent, summary.Maturity.Stage);
        Assert.Equal(2, summary.Maturity.SalesPerDay);
        Assert.Equal(27.75, summary.Maturity.StoreAgeDays, 9);
    }

    [Theory]
    [InlineData(0, 10, MaturityStage.JustStarted, 0)]
    [InlineData(3 / 7.0, 60, MaturityStage.GainingTraction, 0.15)]
    [InlineData(1, 90, MaturityStage.Consistent, 0.30)]
    [InlineData(10, 200, MaturityStage.Established, 0.50)]
    [InlineData(25, 400, MaturityStage.WellEstablished, 0.60)]
    public void Store_maturity_follows_sales_rate_and_age(double salesPerDay, double ageDays, MaturityStage stage, double retentionShare)
    {
        var assessment = StoreMaturity.Classify(salesPerDay, ageDays, new MaturityOptions());
        Assert.Equal(stage, assessment.Stage);
        Assert.Equal(retentionShare, assessment.RecommendedRetentionShare);
    }

    [Fact]
    public void A_busy_but_young_store_is_established_not_well_established()
    {
        Assert.Equal("established", StoreMaturity.Classify(40, 100, new MaturityOptions()).StageName);
    }

    [Fact]
    public void Options_reject_an_inactive_factor_below_the_overdue_factor()
    {
        Assert.Throws<ArgumentException>(() => new LifecycleOptions { OverdueFactor = 3, InactiveFactor = 2 }.Validate());
        new LifecycleOptions().Validate();
    }
}
