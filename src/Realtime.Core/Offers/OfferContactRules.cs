namespace Realtime.Core.Offers;

/// <summary>Per-offer contact rules, checked against the customer's recent offer contacts.</summary>
public sealed record OfferContactRules
{
    /// <summary>Do not show this offer again within this many days of the last time it was shown (0 = no rule).</summary>
    public double NoRepeatDays { get; init; }

    /// <summary>
    /// Do not show this offer within this many days of any offer of the same kind (0 = no rule): variants of one play
    /// (10 % off, free shipping) count as one message to the customer.
    /// </summary>
    public double NoRepeatKindDays { get; init; }

    /// <summary>Do not show this offer again once the customer redeemed it (while the redemption is in the recent history).</summary>
    public bool OncePerCustomer { get; init; }
}
