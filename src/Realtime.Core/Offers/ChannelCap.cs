namespace Realtime.Core.Offers;

/// <summary>At most <see cref="MaxContacts"/> offers per customer on <see cref="Channel"/> within <see cref="PeriodDays"/>.</summary>
public sealed record ChannelCap
{
    /// <summary>The channel capped (<c>email</c>, <c>web</c>, <c>app</c>, <c>sms</c>, ...).</summary>
    public string? Channel { get; init; }

    /// <summary>
    /// Contacts allowed in the period; at most the offer contacts a state keeps (<see cref="State.StateLimits.RecentOffers"/>),
    /// because the cap is counted from that history.
    /// </summary>
    public int MaxContacts { get; init; }

    /// <summary>Length of the sliding period in days.</summary>
    public double PeriodDays { get; init; }
}
