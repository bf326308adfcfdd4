using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Core.Tests.Triggers;

public sealed class TriggerPlannerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TriggerPlanner _planner = new(new TriggerOptions());

    [Fact]
    public void Top_categories_are_the_strongest_affinities_ties_by_name_and_a_nan_score_last()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            var s = new CustomerState("c1");
            foreach (var name in Enumerable.Range(0, random.Next(0, 9)).Select(i => $"cat{random.Next(0, 50):D2}").Distinct())
            {
                // Few distinct scores, so ties are common; now and then a NaN.
                var score = random.Next(0, 12) == 0 ? double.NaN : random.Next(0, 4) * 0.5;
                s.Categories.Add(new CategoryAffinity(name, 1, score, 0));
            }

            var k = random.Next(0, 5);
            var expected = s.Categories.OrderByDescending(c => c.Score).ThenBy(c => c.Category, StringComparer.Ordinal).Take(k).Select(c => c.Category);

            Assert.Equal(expected, TriggerPlanner.TopCategories(s, k));
        }
    }

    [Fact]
    public void The_first_anniversary_is_a_year_after_the_first_order_at_the_send_hour()
    {
        var s = Customer(firstOrder: new DateTimeOffset(2025, 6, 3, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero), _planner.NextScheduledAt(s, s_t0));
    }

    [Fact]
    public void A_first_order_on_29_February_has_its_anniversary_on_28_February_in_common_years()
    {
        var s = Customer(firstOrder: new DateTimeOffset(2024, 2, 29, 18, 0, 0, TimeSpan.Zero));
        var plan = _planner.Scheduled(s, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Single();

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), plan.DueAt);
        Assert.Equal(2, plan.Details["years"]);
    }

    [Fact]
    public void An_occurrence_once_sent_is_not_due_again_and_the_next_year_is_next()
    {
        var s = Customer(birthday: new MonthDay(6, 1));
        var dueAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var log = new TriggerLog();

        var first = _planner.Plan(s, log, s_t0);
        var birthday = Assert.Single(first.Due);
        Assert.Equal(dueAt, birthday.DueAt);

        log.Sent[birthday.Key] = birthday.OccurrenceMs;
        var after = _planner.Plan(s, log, s_t0);
        Assert.Empty(after.Due);
        Assert.Equal(dueAt.AddYears(1), after.NextAt);
    }

    [Fact]
    public void A_replenishment_cycle_is_sent_once_and_a_new_order_starts_the_next()
    {
        var s = Customer();
        s.Purchased.Add(new PurchasedItem("beans", "coffee", 2, s_t0.AddDays(-50).ToUnixTimeMilliseconds(), s_t0.AddDays(-20).ToUnixTimeMilliseconds()));
        var log = new TriggerLog();
        var at = s_t0.AddDays(9);
        Assert.Equal(s_t0.AddDays(8), _planner.Plan(s, log, s_t0).NextAt); // last order + 30-day gap − 2 lead days
        var due = Assert.Single(_planner.Plan(s, log, at).Due);
        log.Sent[due.Key] = due.OccurrenceMs;
        var sent = _planner.Plan(s, log, at);
        Assert.Empty(sent.Due);
        Assert.Null(sent.NextAt);

        s.Purchased[0] = s.Purchased[0] with { Orders = 3, LastMs = at.ToUnixTimeMilliseconds() };
        Assert.Equal(at.AddDays(27.5), _planner.Plan(s, log, at).NextAt); // mean gap 29.5, less 2 lead days
    }

    [Fact]
    public void A_pending_price_drop_is_dropped_once_the_customer_bought_the_product()
    {
        var s = Customer();
        var log = new TriggerLog();
        var pending = new PendingTrigger(TriggerType.PriceDrop, "lamp", "garden", s_t0.AddHours(-1).ToUnixTimeMilliseconds(), 100, 80);
        log.Pending[pending.Key] = pending;
        Assert.Single(_planner.Plan(s, log, s_t0).Due);

        s.Purchased.Add(new PurchasedItem("lamp", "garden", 1, s_t0.AddMinutes(-30).ToUnixTimeMilliseconds(), s_t0.AddMinutes(-30).ToUnixTimeMilliseconds()));
        var plan = _planner.Plan(s, log, s_t0);
        Assert.Empty(plan.Due);
        Assert.Equal([pending.Key], plan.StalePending);
    }

    [Fact]
    public void A_switched_off_type_is_never_planned()
    {
        var planner = new TriggerPlanner(new TriggerOptions { Birthday = new BirthdayTriggerOptions { Enabled = false } });

        Assert.Null(planner.NextScheduledAt(Customer(birthday: new MonthDay(6, 1)), s_t0));
    }

    [Fact]
    public void Trigger_ids_are_stable_and_differ_per_occurrence()
    {
        var a = TriggerOccurrence.IdOf("c1", TriggerType.Birthday, null, new DateOnly(2026, 6, 1));

        Assert.Equal(a, TriggerOccurrence.IdOf("c1", TriggerType.Birthday, null, new DateOnly(2026, 6, 1)));
        Assert.NotEqual(a, TriggerOccurrence.IdOf("c1", TriggerType.Birthday, null, new DateOnly(2027, 6, 1)));
        Assert.NotEqual(a, TriggerOccurrence.IdOf("c2", TriggerType.Birthday, null, new DateOnly(2026, 6, 1)));
        Assert.Equal(32, a.Length);
    }

    private static CustomerState Customer(DateTimeOffset? firstOrder = null, MonthDay? birthday = null) => new("c1")
    {
        FirstSeenMs = s_t0.AddYears(-2).ToUnixTimeMilliseconds(),
        FirstOrderMs = firstOrder?.ToUnixTimeMilliseconds() ?? 0,
        BirthdayMonthDay = birthday?.Packed ?? 0,
    };
}
