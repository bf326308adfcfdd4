using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>The onboarding funnel's counter deltas, event by event, and the funnel read back from summed counters.</summary>
public sealed class FunnelCountersTests
{
    private static readonly DateTimeOffset s_t0 = Customer.T0; // Monday 2026-01-05, ISO week 2026-W02
    private static readonly long s_day0 = s_t0.ToUnixTimeMilliseconds() / 86_400_000;

    [Fact]
    public void A_registration_enters_the_customer_overall_in_its_channel_and_in_its_registration_week()
    {
        var d = Step(new Customer(), c => c.Registered(s_t0, "Email"));

        Assert.Equal(1, d["fun:all:entered"]);
        Assert.Equal(1, d["fun:chan.email:entered"]);
        Assert.Equal(1, d["fun:coh.2026-W02:entered"]);
        Assert.DoesNotContain(d.Keys, k => k.EndsWith(":o1", StringComparison.Ordinal) || k.StartsWith("fun:gap", StringComparison.Ordinal));
    }

    [Fact]
    public void A_first_order_reaches_the_first_step_counts_the_days_since_registration_and_a_first_time_buyer()
    {
        var c = new Customer().Registered(s_t0, "email");
        var d = Step(c, c => c.Ordered(s_t0.AddDays(3).AddHours(5)));

        Assert.Equal(1, d["fun:all:o1"]);
        Assert.Equal(1, d["fun:chan.email:o1"]);
        Assert.Equal(1, d["fun:coh.2026-W02:o1"]);
        Assert.False(d.ContainsKey("fun:all:entered"));
        Assert.Equal(1, d["fun:gap1:all:3"]);
        Assert.Equal(1, d["fun:gap1:chan.email:3"]);
        Assert.Equal(1, d[$"fun:ftb:{s_day0 + 3}"]);
    }

    [Fact]
    public void A_second_order_reaches_the_second_step_and_leaves_the_first_time_buyers()
    {
        var c = new Customer().Registered(s_t0).Ordered(s_t0.AddDays(1));
        var d = Step(c, c => c.Ordered(s_t0.AddDays(15)));

        Assert.Equal(1, d["fun:all:o2"]);
        Assert.Equal(1, d["fun:gap2:all:14"]);
        Assert.Equal(-1, d[$"fun:ftb:{s_day0 + 1}"]);
        Assert.False(d.ContainsKey("fun:all:o1"));
        Assert.DoesNotContain(d.Keys, k => k.StartsWith("fun:gap1", StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_after_the_third_move_nothing_in_the_funnel()
    {
        var c = new Customer().Registered(s_t0).Ordered(s_t0.AddDays(1)).Ordered(s_t0.AddDays(2));
        var third = Step(c, c => c.Ordered(s_t0.AddDays(40)));
        var fourth = Step(c, c => c.Ordered(s_t0.AddDays(41)));

        Assert.Equal(1, third["fun:all:o3"]);
        Assert.Equal(1, third["fun:gap3:all:38"]);
        Assert.DoesNotContain(fourth.Keys, k => k.StartsWith("fun:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_customer_who_orders_without_registering_enters_at_the_first_order_in_its_week_without_a_registration_gap()
    {
        var d = Step(new Customer(), c => c.Ordered(s_t0.AddDays(8)));

        Assert.Equal(1, d["fun:all:entered"]);
        Assert.Equal(1, d["fun:all:o1"]);
        Assert.Equal(1, d["fun:chan.unknown:o1"]);
        Assert.Equal(1, d["fun:coh.2026-W03:o1"]);
        Assert.DoesNotContain(d.Keys, k => k.StartsWith("fun:gap1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_registration_learned_after_the_first_order_moves_the_customer_to_its_channel_and_registration_week()
    {
        var c = new Customer().Ordered(s_t0.AddDays(8));
        var d = Step(c, c => c.Registered(s_t0.AddDays(9), "social"));

        Assert.Equal(-1, d["fun:chan.unknown:o1"]);
        Assert.Equal(1, d["fun:chan.social:o1"]);
        Assert.Equal(1, d["fun:chan.social:entered"]);
        Assert.False(d.ContainsKey("fun:all:o1"));
        Assert.False(d.ContainsKey("fun:coh.2026-W03:o1")); // registered in the same ISO week as the order
        Assert.DoesNotContain(d.Keys, k => k.StartsWith("fun:gap", StringComparison.Ordinal));
    }

    [Fact]
    public void A_return_keeps_the_customer_at_the_step_its_orders_reached()
    {
        var c = new Customer().Registered(s_t0).Ordered(s_t0.AddDays(1), 80);
        var d = Step(c, c => c.Returned(s_t0.AddDays(3), 80));

        Assert.DoesNotContain(d.Keys, k => k.StartsWith("fun:", StringComparison.Ordinal));
    }

    [Fact]
    public void Forgetting_a_customer_removes_its_funnel_steps_and_first_time_buyer_day()
    {
        var c = new Customer().Registered(s_t0, "email").Ordered(s_t0.AddDays(2));
        var d = ToDictionary(LifecycleCounters.Forget(LifecycleSnapshot.Of(c.State), default));

        Assert.Equal(-1, d["fun:all:entered"]);
        Assert.Equal(-1, d["fun:chan.email:o1"]);
        Assert.Equal(-1, d["fun:coh.2026-W02:o1"]);
        Assert.Equal(-1, d[$"fun:ftb:{s_day0 + 2}"]);
    }

    [Fact]
    public void Funnel_keys_never_expire_with_the_dated_flows()
    {
        var now = s_t0.AddDays(2000);
        Assert.False(CounterKeys.IsExpired("fun:coh.2026-W02:o1", now, 400));
        Assert.False(CounterKeys.IsExpired(FunnelKeys.FirstTimeBuyers(s_day0), now, 400));
        Assert.False(CounterKeys.IsExpired(FunnelKeys.Gap(2, "coh.2026-W02", 12), now, 400));
    }

    [Fact]
    public void The_funnel_read_from_summed_deltas_has_the_steps_rates_medians_and_second_purchase_window()
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        void Sum(Dictionary<string, double> d)
        {
            foreach (var (k, v) in d)
            {
                sums[k] = sums.GetValueOrDefault(k) + v;
            }
        }

        // Four email sign-ups: one never orders, one orders once (after 2 days), two order twice (after 4 and 6 days, gaps 10 and 30).
        Sum(Step(new Customer(), c => c.Registered(s_t0)));
        Sum(Step(new Customer(), c => c.Registered(s_t0).Ordered(s_t0.AddDays(2))));
        Sum(Step(new Customer(), c => c.Registered(s_t0).Ordered(s_t0.AddDays(4)).Ordered(s_t0.AddDays(14))));
        Sum(Step(new Customer(), c => c.Registered(s_t0).Ordered(s_t0.AddDays(6)).Ordered(s_t0.AddDays(36))));

        var funnel = FunnelSummary.From(sums, s_t0.AddDays(20), new FunnelOptions());

        var all = funnel.Overall;
        Assert.Equal((4, 3, 2, 0), (all.Entered, all.FirstOrder, all.SecondOrder, all.ThirdOrder));
        Assert.Equal(0.75, all.FirstOrderRate);
        Assert.Equal(2.0 / 3, all.SecondOrderRate!.Value, 12);
        Assert.Equal(0, all.ThirdOrderRate); // two second-order buyers, no third order yet
        Assert.Equal(4, all.MedianDaysToFirstOrder); // 2, 4, 6: the middle one
        Assert.Equal(10, all.MedianDaysToSecondOrder); // 10, 30: the lower one
        Assert.Null(all.MedianDaysToThirdOrder);
        Assert.Equal(all with { Key = "email" }, Assert.Single(funnel.Channels));
        var cohort = Assert.Single(funnel.Cohorts);
        Assert.Equal(("2026-W02", 4.0, 3.0), (cohort.Key, cohort.Entered, cohort.FirstOrder));
        Assert.Null(cohort.MedianDaysToFirstOrder);
        Assert.Equal(new SecondPurchaseWindow(7, 90, 1, 1), funnel.SecondPurchaseWindow); // the single buyer ordered 18 days ago
        Assert.Equal(0, FunnelSummary.From(sums, s_t0.AddDays(8), new FunnelOptions()).SecondPurchaseWindow.InWindow); // 6 days ago: not yet
    }

    [Fact]
    public void The_lower_median_of_a_histogram_is_the_value_at_the_middle_rounding_down()
    {
        Assert.Null(FunnelSummary.LowerMedian(new Dictionary<int, double>()));
        Assert.Equal(3, FunnelSummary.LowerMedian(new Dictionary<int, double> { [3] = 1 }));
        Assert.Equal(1, FunnelSummary.LowerMedian(new Dictionary<int, double> { [9] = 2, [1] = 2 }));
        Assert.Equal(9, FunnelSummary.LowerMedian(new Dictionary<int, double> { [9] = 3, [1] = 2 }));
    }

    [Fact]
    public void An_empty_second_purchase_window_is_refused_naming_the_section()
    {
        var options = new LifecycleOptions { Funnel = new FunnelOptions { SecondPurchaseWindowStartDays = 30, SecondPurchaseWindowEndDays = 7 } };

        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Lifecycle:Funnel", ex.Message, StringComparison.Ordinal);
    }

    // The deltas of everything act folds, event by event as ingest counts them, summed.
    private static Dictionary<string, double> Step(Customer c, Action<Customer> act)
    {
        var before = LifecycleSnapshot.Of(c.State);
        act(c);
        return ToDictionary(LifecycleCounters.Delta(before, LifecycleSnapshot.Of(c.State), default, default, s_t0));
    }

    private static Dictionary<string, double> ToDictionary(IReadOnlyList<CounterDelta> deltas) =>
        deltas.Where(d => d.Key.StartsWith("fun:", StringComparison.Ordinal)).ToDictionary(d => d.Key, d => d.Increment);
}
