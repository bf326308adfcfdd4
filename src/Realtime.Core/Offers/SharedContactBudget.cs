using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// The daily contact budget a channel shares with triggered communications, as it stands for one customer now: the
/// budget, when "today" began in the store's time zone, and the triggered messages already sent today. An offer on
/// <see cref="Channel"/> is refused once triggers and offers together have used <see cref="MaxContactsPerDay"/> and at
/// least one of them was a trigger (offers alone are governed by the catalog's channel caps).
/// </summary>
/// <param name="Channel">The channel triggers are sent on (<c>Triggers:Channel</c>).</param>
/// <param name="MaxContactsPerDay">Contacts per customer per local day, triggers and offers together (<c>Triggers:MaxContactsPerDay</c>).</param>
/// <param name="DayStartMs">Start of the customer's local day (Unix ms), in <c>Triggers:TimeZone</c>.</param>
/// <param name="TriggerContactsToday">Triggered messages sent to the customer on the channel since <paramref name="DayStartMs"/>.</param>
public sealed record SharedContactBudget(string Channel, int MaxContactsPerDay, long DayStartMs, int TriggerContactsToday)
{
    /// <summary>Why an offer on <paramref name="channel"/> may not go out now, or null when the shared budget allows it.</summary>
    public string? Refusal(string channel, IEnumerable<OfferContact> recentOffers, long nowMs)
    {
        if (TriggerContactsToday == 0 || !string.Equals(channel, Channel, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var offersToday = recentOffers.Count(o => o.AtMs >= DayStartMs && o.AtMs <= nowMs && string.Equals(o.Channel, Channel, StringComparison.OrdinalIgnoreCase));
        var used = TriggerContactsToday + offersToday;
        return used < MaxContactsPerDay
            ? null
            : $"{TriggerContactsToday} triggered message(s) and {offersToday} offer(s) on {Channel} today; the daily budget of {MaxContactsPerDay} is shared with triggers";
    }
}

/// <summary>Where the offer engine learns a customer's shared contact budget (the trigger log in Redis).</summary>
public interface ISharedContactBudgets
{
    /// <summary>The budget the customer's <paramref name="channel"/> shares with triggers at <paramref name="now"/>, or null when it shares none.</summary>
    Task<SharedContactBudget?> ForAsync(string customerId, string channel, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>No budget is shared (triggers switched off, or <c>Triggers:AllowSameDayAsOffer</c>).</summary>
public sealed class NoSharedContactBudgets : ISharedContactBudgets
{
    public Task<SharedContactBudget?> ForAsync(string customerId, string channel, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<SharedContactBudget?>(null);
}
