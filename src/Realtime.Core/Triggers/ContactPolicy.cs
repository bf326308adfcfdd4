using Realtime.Core.Offers;
using Realtime.Core.State;

namespace Realtime.Core.Triggers;

/// <summary>
/// Whether a trigger may go out now on the trigger channel: not to an unsubscribed customer on email, not in quiet
/// hours (deferred to their end), and within one daily budget per customer and channel that the offers shown on the
/// channel (the state's <see cref="CustomerState.RecentOffers"/>) share with triggers (deferred to the next day).
/// </summary>
public sealed class ContactPolicy(TriggerOptions options)
{
    private readonly TimeZoneInfo _zone = options.Zone();

    /// <summary>The decision for one more contact at <paramref name="now"/>, given the trigger contacts already made.</summary>
    public ContactDecision Decide(CustomerState state, IReadOnlyList<long> triggerContacts, DateTimeOffset now)
    {
        if (state.EmailUnsubscribed && string.Equals(options.Channel, "email", StringComparison.OrdinalIgnoreCase))
        {
            return ContactDecision.Suppressed;
        }

        if (QuietUntil(now) is { } end)
        {
            return ContactDecision.Defer(end);
        }

        var dayStartMs = DayStartMs(now);
        var nowMs = now.ToUnixTimeMilliseconds();
        var today = triggerContacts.Count(t => t >= dayStartMs && t <= nowMs);
        if (!options.AllowSameDayAsOffer)
        {
            today += state.RecentOffers.Count(o => o.AtMs >= dayStartMs && o.AtMs <= nowMs && string.Equals(o.Channel, options.Channel, StringComparison.OrdinalIgnoreCase));
        }

        if (today < options.MaxContactsPerDay)
        {
            return ContactDecision.Send;
        }

        var tomorrow = TriggerCalendar.AtLocalHour(TriggerCalendar.LocalDate(now, _zone).AddDays(1), 0, _zone);
        return ContactDecision.Defer(QuietUntil(tomorrow) ?? tomorrow);
    }

    /// <summary>
    /// The budget an offer on the trigger channel shares with the customer's triggers at <paramref name="now"/> (the other
    /// side of the one budget <see cref="Decide"/> applies to triggers), or null when
    /// <see cref="TriggerOptions.AllowSameDayAsOffer"/> lets offers ignore triggers or the offer is on another channel.
    /// </summary>
    public SharedContactBudget? SharedWithOffer(string offerChannel, IReadOnlyList<long> triggerContacts, DateTimeOffset now)
    {
        if (options.AllowSameDayAsOffer || !SharesBudgetWith(offerChannel))
        {
            return null;
        }

        var dayStartMs = DayStartMs(now);
        var nowMs = now.ToUnixTimeMilliseconds();
        return new SharedContactBudget(options.Channel, options.MaxContactsPerDay, dayStartMs, triggerContacts.Count(t => t >= dayStartMs && t <= nowMs));
    }

    /// <summary>Whether an offer on <paramref name="offerChannel"/> can share the triggers' budget (same channel, offers not exempt).</summary>
    public bool SharesBudgetWith(string offerChannel) =>
        !options.AllowSameDayAsOffer && string.Equals(offerChannel, options.Channel, StringComparison.OrdinalIgnoreCase);

    /// <summary>The end of the quiet window <paramref name="at"/> falls in, or null outside quiet hours.</summary>
    public DateTimeOffset? QuietUntil(DateTimeOffset at)
    {
        int start = options.QuietStartHour, end = options.QuietEndHour;
        if (start == end)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var hour = local.Hour;
        var quiet = start < end ? hour >= start && hour < end : hour >= start || hour < end;
        if (!quiet)
        {
            return null;
        }

        var date = DateOnly.FromDateTime(local.DateTime);
        // Before midnight in a window that wraps it: the window ends tomorrow.
        var endDate = start > end && hour >= start ? date.AddDays(1) : date;
        return TriggerCalendar.AtLocalHour(endDate, end, _zone);
    }

    private long DayStartMs(DateTimeOffset now) =>
        TriggerCalendar.AtLocalHour(TriggerCalendar.LocalDate(now, _zone), 0, _zone).ToUnixTimeMilliseconds();
}

/// <summary>A contact policy decision: send, defer until a time, or suppress (never on this channel).</summary>
public readonly record struct ContactDecision(ContactVerdict Verdict, DateTimeOffset? Until)
{
    public static ContactDecision Send => new(ContactVerdict.Send, null);

    public static ContactDecision Suppressed => new(ContactVerdict.Suppressed, null);

    public static ContactDecision Defer(DateTimeOffset until) => new(ContactVerdict.Defer, until);
}

/// <summary>What <see cref="ContactPolicy"/> says.</summary>
public enum ContactVerdict
{
    Send,
    Defer,
    Suppressed,
}
