namespace Realtime.Core.Offers;

/// <summary>
/// What an offer is for (the retention playbook's plays). The kind documents intent and drives reporting; eligibility,
/// economics and precedence come from the offer's own fields, so a new play needs no code. Wire names are snake_case.
/// </summary>
public enum OfferKind
{
    /// <summary>Incentive for a first-time buyer's second order (the hardest and most valuable order to win).</summary>
    SecondPurchase,

    /// <summary>Reminder of an abandoned cart, usually without a discount.</summary>
    CartReminder,

    /// <summary>Win-back incentive for an at-risk or lapsing customer, scaled by what the customer is worth.</summary>
    WinBack,

    /// <summary>Loyalty reward or early access for the best customers.</summary>
    LoyaltyReward,

    /// <summary>Invitation to refer a friend, for happy repeat customers.</summary>
    Referral,

    /// <summary>Apology plus credit after a bad experience; usually overrides sales offers.</summary>
    ServiceRecovery,

    /// <summary>Cross-sell or upsell for active customers.</summary>
    CrossSell,

    /// <summary>Subscription or membership invitation for frequent buyers of repeatable products.</summary>
    Subscription,

    /// <summary>Anything else the store defines.</summary>
    Other,
}
