using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Rfm;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class SegmentEvaluatorTests
{
    private static readonly DateTimeOffset s_t0 = Customer.T0;
    private readonly LifecycleOptions _options = new();

    [Fact]
    public void A_known_customer_without_orders_is_new()
    {
        var c = new Customer().Viewed(s_t0);
        Assert.Equal(Segment.New, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(1), _options).Primary);
    }

    [Fact]
    public void A_never_buying_visitor_silent_past_the_inactive_days_is_inactive()
    {
        var c = new Customer().Viewed(s_t0);
        Assert.Equal(Segment.Inactive, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(181), _options).Primary);
    }

    [Fact]
    public void One_order_makes_a_first_time_buyer()
    {
        var c = new Customer().Ordered(s_t0);
        Assert.Equal(Segment.FirstTimeBuyer, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(10), _options).Primary);
    }

    [Fact]
    public void Time_alone_moves_an_overdue_one_time_buyer_into_at_risk()
    {
        // One order: the default 45-day gap × 1.5 = 67.5 days.
        var c = new Customer().Ordered(s_t0);
        Assert.Equal(Segment.FirstTimeBuyer, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(67), _options).Primary);
        Assert.Equal(Segment.AtRisk, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(68), _options).Primary);
    }

    [Fact]
    public void A_repeat_buyer_is_judged_against_its_own_rhythm()
    {
        // Orders every 10 days: overdue after 15 days, inactive after 4 × 10 = 40 days.
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(10)).Ordered(s_t0.AddDays(20));
        Assert.Equal(Segment.Active, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(34), _options).Primary);
        Assert.Equal(Segment.AtRisk, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(36), _options).Primary);
        Assert.Equal(Segment.Inactive, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(61), _options).Primary);
    }

    [Fact]
    public void Inactivity_is_capped_by_the_inactive_days_for_slow_buyers()
    {
        // Gap 100 days: 4 × 100 = 400 days, but 180 days of silence is enough.
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(100));
        Assert.Equal(Segment.Inactive, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(100 + 181), _options).Primary);
    }

    [Fact]
    public void Same_day_reorders_do_not_make_a_customer_overdue_within_hours()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddHours(1));
        Assert.Equal(Segment.Active, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(3), _options).Primary);
    }

    [Fact]
    public void A_high_churn_score_puts_a_customer_at_risk_before_it_is_overdue()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(10));
        Assert.Equal(Segment.AtRisk, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(11), _options, churnScore: 0.9).Primary);
    }

    [Fact]
    public void A_repeat_buyer_in_the_rfm_top_band_is_a_hero()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(10));
        var set = SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(11), _options, new RfmScores(5, 4, 5));
        Assert.Equal(Segment.Hero, set.Primary);
    }

    [Fact]
    public void A_one_time_buyer_is_never_a_hero_even_with_top_scores()
    {
        var c = new Customer().Ordered(s_t0, 900);
        Assert.Equal(Segment.FirstTimeBuyer, SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(1), _options, new RfmScores(5, 5, 5)).Primary);
    }

    [Fact]
    public void An_open_cart_becomes_abandoned_after_an_hour_and_goes_stale_after_two_weeks()
    {
        var c = new Customer().Carted(s_t0);
        Assert.False(SegmentEvaluator.Evaluate(c.State, s_t0.AddMinutes(59), _options).Contains(Segment.CartAbandoner));
        Assert.True(SegmentEvaluator.Evaluate(c.State, s_t0.AddMinutes(60), _options).Contains(Segment.CartAbandoner));
        Assert.False(SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(14), _options).Contains(Segment.CartAbandoner));
    }

    [Fact]
    public void Ordering_clears_the_cart_abandoner_flag()
    {
        var c = new Customer().Carted(s_t0).Ordered(s_t0.AddHours(2));
        Assert.False(SegmentEvaluator.Evaluate(c.State, s_t0.AddHours(3), _options).Contains(Segment.CartAbandoner));
    }

    [Fact]
    public void A_low_review_flags_a_negative_experience_for_the_window_only()
    {
        var c = new Customer().Ordered(s_t0).Reviewed(s_t0.AddDays(1), rating: 1);
        var during = SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(30), _options);
        Assert.True(during.Contains(Segment.NegativeExperience));
        Assert.Equal(Segment.FirstTimeBuyer, during.Primary);
        Assert.False(SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(61), _options).Contains(Segment.NegativeExperience));
    }

    [Fact]
    public void A_return_counts_as_negative_only_when_configured()
    {
        var c = new Customer().Ordered(s_t0).Returned(s_t0.AddDays(2), 50);
        Assert.True(SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(3), _options).Contains(Segment.NegativeExperience));
        var lenient = new LifecycleOptions { ReturnsAreNegative = false };
        Assert.False(SegmentEvaluator.Evaluate(c.State, s_t0.AddDays(3), lenient).Contains(Segment.NegativeExperience));
    }

    [Fact]
    public void The_next_transition_is_the_earliest_pending_threshold()
    {
        var c = new Customer().Ordered(s_t0).Carted(s_t0.AddDays(1));
        var next = SegmentEvaluator.NextTransitionAt(c.State, s_t0.AddDays(1), _options);
        Assert.Equal(s_t0.AddDays(1).AddHours(1), next);
    }

    [Fact]
    public void Evaluating_at_the_next_transition_shows_the_change()
    {
        var c = new Customer().Ordered(s_t0).Ordered(s_t0.AddDays(13));
        var now = s_t0.AddDays(14);
        var next = SegmentEvaluator.NextTransitionAt(c.State, now, _options)!.Value;
        var justBefore = SegmentEvaluator.Evaluate(c.State, next.AddMilliseconds(-1), _options);
        var at = SegmentEvaluator.Evaluate(c.State, next, _options);
        Assert.Equal(Segment.Active, justBefore.Primary);
        Assert.Equal(Segment.AtRisk, at.Primary);
    }

    [Fact]
    public void Following_next_transitions_walks_a_silent_customer_to_inactive_and_then_stops()
    {
        var c = new Customer().Ordered(s_t0);
        var now = s_t0;
        var stages = new List<Segment>();
        for (DateTimeOffset? next = now; next is { } t; next = SegmentEvaluator.NextTransitionAt(c.State, t, _options))
        {
            stages.Add(SegmentEvaluator.Evaluate(c.State, t, _options).Primary);
        }

        Assert.Equal([Segment.FirstTimeBuyer, Segment.AtRisk, Segment.Inactive], stages);
    }
}
