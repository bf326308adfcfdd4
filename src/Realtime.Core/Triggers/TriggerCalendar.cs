using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Triggers;

/// <summary>
/// The due-time arithmetic of the time-driven triggers, pure: yearly dates at a local hour (anniversary, birthday, with
/// 29 February falling on 28 February outside leap years) and the replenishment date from a product's re-purchase gaps.
/// </summary>
public static class TriggerCalendar
{
    /// <summary><paramref name="date"/> at <paramref name="hour"/>:00 local time in <paramref name="zone"/>, as an instant.</summary>
    public static DateTimeOffset AtLocalHour(DateOnly date, int hour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        // A local time skipped by a daylight-saving jump does not exist: take the hour after.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The local calendar date of <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>
    /// The earliest yearly occurrence of <paramref name="day"/> at <paramref name="hour"/> that is after
    /// <paramref name="after"/> and still open at <paramref name="now"/> (due + <paramref name="maxLate"/> &gt; now). It may
    /// be in the past (due, not yet late) or in the future.
    /// </summary>
    public static DateTimeOffset NextYearly(MonthDay day, int hour, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset now, TimeSpan maxLate)
    {
        var year = LocalDate(after, zone).Year;
        while (true)
        {
            var due = AtLocalHour(day.In(year), hour, zone);
            if (due > after && due + maxLate > now)
            {
                return due;
            }

            year++;
        }
    }

    /// <summary>
    /// The mean gap in days between the orders of one product (exact from first/last/count, like the order rhythm), or
    /// null below <see cref="ReplenishmentTriggerOptions.MinOrders"/> orders or under <see cref="ReplenishmentTriggerOptions.MinGapDays"/>.
    /// </summary>
    public static double? RepurchaseGapDays(PurchasedItem item, ReplenishmentTriggerOptions options)
    {
        if (item.Orders < options.MinOrders || item.LastMs <= item.FirstMs)
        {
            return null;
        }

        var gap = TimeUnits.DaysBetween(item.FirstMs, item.LastMs) / (item.Orders - 1);
        return gap < options.MinGapDays ? null : gap;
    }

    /// <summary>
    /// When the reminder for <paramref name="item"/> is due: the last order + the mean gap − the lead time (never before
    /// the last order). The cycle is the last order: a new order of the product starts the next one. Null without a rhythm.
    /// </summary>
    public static DateTimeOffset? ReplenishmentDue(PurchasedItem item, ReplenishmentTriggerOptions options)
    {
        if (RepurchaseGapDays(item, options) is not { } gap)
        {
            return null;
        }

        var days = Math.Max(gap - options.LeadDays, 0);
        return DateTimeOffset.FromUnixTimeMilliseconds(item.LastMs).AddDays(days);
    }

    /// <summary>A replenishment reminder is open until one more gap has passed (then the customer has moved on or bought elsewhere).</summary>
    public static DateTimeOffset? ReplenishmentExpires(PurchasedItem item, ReplenishmentTriggerOptions options) =>
        RepurchaseGapDays(item, options) is { } gap ? DateTimeOffset.FromUnixTimeMilliseconds(item.LastMs).AddDays(2 * gap) : null;
}
