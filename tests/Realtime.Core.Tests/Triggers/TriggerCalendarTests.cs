using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Core.Tests.Triggers;

public sealed class TriggerCalendarTests
{
    private static readonly TimeZoneInfo s_utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replenishment_is_due_one_mean_gap_after_the_last_order_less_the_lead_time()
    {
        // Orders on days 0, 10 and 40: gaps 10 and 30, mean 20 (first to last over two gaps).
        var first = s_t0.AddDays(-40);
        var item = new PurchasedItem("beans", "coffee", 3, first.ToUnixTimeMilliseconds(), s_t0.ToUnixTimeMilliseconds());
        var options = new ReplenishmentTriggerOptions { LeadDays = 2 };

        Assert.Equal(20, TriggerCalendar.RepurchaseGapDays(item, options));
        Assert.Equal(s_t0.AddDays(18), TriggerCalendar.ReplenishmentDue(item, options));
        Assert.Equal(s_t0.AddDays(40), TriggerCalendar.ReplenishmentExpires(item, options));
    }

    [Fact]
    public void Replenishment_needs_enough_orders_and_a_gap_that_is_a_rhythm()
    {
        var options = new ReplenishmentTriggerOptions { MinOrders = 2, MinGapDays = 7 };
        var once = new PurchasedItem("beans", null, 1, s_t0.ToUnixTimeMilliseconds(), s_t0.ToUnixTimeMilliseconds());
        var forgotten = new PurchasedItem("beans", null, 2, s_t0.AddDays(-2).ToUnixTimeMilliseconds(), s_t0.ToUnixTimeMilliseconds());

        Assert.Null(TriggerCalendar.ReplenishmentDue(once, options));
        Assert.Null(TriggerCalendar.ReplenishmentDue(forgotten, options));
    }

    [Theory]
    [InlineData(2027, 2, 28)] // not a leap year: the 28th
    [InlineData(2028, 2, 29)]
    public void A_29_February_birthday_falls_on_28_February_outside_leap_years(int year, int month, int day)
    {
        var due = TriggerCalendar.NextYearly(new MonthDay(2, 29), 9, s_utc, new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(3));

        Assert.Equal(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void A_yearly_trigger_stays_open_until_it_is_too_late_then_moves_to_next_year()
    {
        var day = new MonthDay(6, 1);
        var late = TimeSpan.FromDays(3);
        var after = s_t0.AddYears(-1);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), TriggerCalendar.NextYearly(day, 9, s_utc, after, s_t0.AddDays(2), late));
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero), TriggerCalendar.NextYearly(day, 9, s_utc, after, s_t0.AddDays(4), late));
    }

    [Fact]
    public void The_send_hour_is_local_time_in_the_configured_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // Summer time (UTC+2) in June, standard time (UTC+1) in January.
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), TriggerCalendar.AtLocalHour(new DateOnly(2026, 6, 1), 10, berlin));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), TriggerCalendar.AtLocalHour(new DateOnly(2026, 1, 1), 10, berlin));
    }
}
