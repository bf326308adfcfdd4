using Realtime.Core.Acquisition;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Tests.Acquisition;

public sealed class AcquisitionInsightsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MaturityAssessment s_consistent = new(MaturityStage.Consistent, 0.3, 5, 400);

    private static List<ClvWindow> Clv(double c90, double c180, double c365) => [new(90, c90, 0), new(180, c180, 0), new(365, c365, 0)];

    [Fact]
    public void Payback_interpolates_the_clv_curve_and_extrapolates_its_last_slope()
    {
        var months = 365.25 / 12;
        Assert.Equal(90 / months / 2, AcquisitionInsights.PaybackMonths(50, Clv(100, 150, 200), 1)!.Value, 9);
        Assert.Equal((180 / months) + ((365 - 180) / months / 2), AcquisitionInsights.PaybackMonths(175, Clv(100, 150, 200), 1)!.Value, 9);
        // Beyond a year at the 180→365-day slope: 50 per (185 days), so 100 more takes 370 days.
        Assert.Equal((365 + 370) / months, AcquisitionInsights.PaybackMonths(300, Clv(100, 150, 200), 1)!.Value, 9);
        Assert.Null(AcquisitionInsights.PaybackMonths(300, Clv(100, 150, 150), 1));
        // The margin scales the curve: at 50% the 200 of a year pays back 100.
        Assert.Equal(365 / months, AcquisitionInsights.PaybackMonths(100, Clv(100, 150, 200), 0.5)!.Value, 9);
    }

    [Fact]
    public void Spend_sets_cac_on_the_days_it_covers_and_the_advice_says_why_in_numbers()
    {
        var counters = new Dictionary<string, double>
        {
            ["acq:paid_social/spring:customers"] = 40,
            ["acq:paid_social/spring:buyers"] = 20,
            ["acq:paid_social/spring:cost"] = 400,
            ["acq:paid_social/spring:rev90"] = 1000,
            ["acq:paid_social/spring:rev180"] = 1400,
            ["acq:paid_social/spring:rev365"] = 2000,
            ["acq:paid_social/spring:reg:2026-01-10"] = 30,
            ["acq:paid_social/spring:reg:2026-01-11"] = 10,
            ["acq:email/none:customers"] = 25,
            ["acq:email/none:cost"] = 50,
            ["acq:email/none:rev90"] = 1500,
            ["acq:email/none:rev180"] = 2000,
            ["acq:email/none:rev365"] = 3000,
        };
        var spend = new Dictionary<string, double>
        {
            ["paid_social/spring:2026-01-10"] = 1200, // 30 customers that day
            ["paid_social/spring:2026-01-12"] = 400, // nobody registered: still spend, still counted
            ["paid_social/spring:2026-07-01"] = 999, // still to come: left out
        };
        var report = AcquisitionInsights.Build(counters, spend, ClvModel.None, s_consistent, s_now, new LifecycleOptions());

        var paid = Assert.Single(report.Campaigns, r => r.Key == "paid_social/spring");
        Assert.Equal(1600, paid.Spend);
        Assert.Equal(30, paid.SpendCustomers);
        Assert.Equal("spend", paid.CacSource);
        Assert.Equal(1600 / 30.0, paid.Cac!.Value, 9);
        Assert.Equal(0.5, paid.FirstOrderConversion);
        Assert.Equal(50 / (1600 / 30.0), paid.ClvToCac!.Value, 9);
        Assert.Equal(BudgetAdvice.Cut, paid.Advice.Action);
        Assert.Equal("CLV:CAC 0.94 < 3, payback 13.3 months > 12", paid.Advice.Reason);

        var email = Assert.Single(report.Channels, r => r.Key == "email");
        Assert.Equal("acquisition_cost", email.CacSource);
        Assert.Equal(2, email.Cac);
        Assert.Equal(BudgetAdvice.Grow, email.Advice.Action);
        Assert.Equal(12, report.PaybackLimitMonths);
        Assert.False(report.Predicted);
    }

    [Fact]
    public void Early_stores_get_a_longer_payback_limit_and_small_rows_are_held()
    {
        var counters = new Dictionary<string, double> { ["acq:search/none:customers"] = 5, ["acq:search/none:cost"] = 50, ["acq:search/none:rev365"] = 500 };
        var report = AcquisitionInsights.Build(counters, new Dictionary<string, double>(), ClvModel.None, new MaturityAssessment(MaturityStage.GainingTraction, 0.15, 0.5, 30), s_now, new LifecycleOptions());
        Assert.Equal(18, report.PaybackLimitMonths);
        Assert.Equal(BudgetAdvice.Hold, report.Channels[0].Advice.Action);
        Assert.StartsWith("only 5 registered customers", report.Channels[0].Advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_model_young_customers_add_the_expected_rest_of_each_window()
    {
        var model = new ClvModel(new BgNbdParameters(0.25, 4.4, 0.8, 2.4), new GammaGammaParameters(6.25, 3.74, 15.44));
        var counters = new Dictionary<string, double>
        {
            ["acq:email/none:customers"] = 10,
            ["acq:email/none:buyers"] = 5,
            ["acq:email/none:reg:2026-05-02"] = 10, // 30 days old at s_now
        };
        var report = AcquisitionInsights.Build(counters, new Dictionary<string, double>(), model, s_consistent, s_now, new LifecycleOptions());
        var mean = model.GammaGamma!.PopulationMeanSpend;
        var row = report.Channels[0];
        Assert.True(report.Predicted);
        Assert.Equal(0.5 * (model.BgNbd!.ExpectedPurchases(90) - model.BgNbd.ExpectedPurchases(30)) * mean, row.Clv[0].Predicted, 9);
        Assert.Equal(0.5 * (model.BgNbd.ExpectedPurchases(365) - model.BgNbd.ExpectedPurchases(30)) * mean, row.Clv[2].Predicted, 9);
    }

    [Fact]
    public void The_cohort_table_cumulates_revenue_per_customer_up_to_the_current_month()
    {
        var counters = new Dictionary<string, double>
        {
            ["acq:coh:2026-03:customers"] = 4,
            ["acq:coh:2026-03:m0"] = 40,
            ["acq:coh:2026-03:m2"] = 20,
            ["acq:coh:2026-05:customers"] = 2,
            ["acq:coh:2026-05:m1"] = 10,
        };
        var report = AcquisitionInsights.Build(counters, new Dictionary<string, double>(), ClvModel.None, s_consistent, s_now, new LifecycleOptions());
        Assert.Equal(["2026-03", "2026-05"], report.Cohorts.Select(c => c.Month));
        Assert.Equal([10, 10, 15, 15], report.Cohorts[0].CumulativeRevenuePerCustomer);
        Assert.Equal([0, 5], report.Cohorts[1].CumulativeRevenuePerCustomer);
    }
}
