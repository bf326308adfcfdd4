namespace Realtime.Core.Offers;

/// <summary>What the engine concluded about one offer for one request, in the order the checks run.</summary>
public enum OfferVerdict
{
    /// <summary>Eligible, scored, and the best: this is the decision (or, for a holdout customer, what it would have been).</summary>
    Chosen,

    /// <summary>Eligible and scored, but another offer scored higher.</summary>
    Outscored,

    /// <summary>Eligible and scored, but its expected net value is not above the policy threshold.</summary>
    NotWorthIt,

    /// <summary>Not offered on the requested channel.</summary>
    WrongChannel,

    /// <summary>Before <c>valid_from</c> or from <c>valid_until</c> on.</summary>
    Expired,

    /// <summary>The customer does not meet the eligibility rules.</summary>
    Ineligible,

    /// <summary>The customer unsubscribed from email.</summary>
    Unsubscribed,

    /// <summary>A sales offer right after a purchase.</summary>
    SuppressedAfterPurchase,

    /// <summary>The channel's contact cap for this customer is reached.</summary>
    ChannelCapped,

    /// <summary>Shown too recently, or already redeemed by a once-per-customer offer.</summary>
    RecentlyShown,

    /// <summary>The offer's global budget is used up.</summary>
    BudgetExhausted,

    /// <summary>Set aside because an override offer (service recovery) is eligible.</summary>
    Overridden,
}
