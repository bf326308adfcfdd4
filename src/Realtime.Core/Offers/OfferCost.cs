namespace Realtime.Core.Offers;

/// <summary>
/// What an accepted offer costs the store: a fixed credit plus percentage discounts of the customer's AOV or open cart,
/// i.e. margin given away. <see cref="ContactCost"/> is paid on every show, accepted or not (an SMS, a printed card).
/// </summary>
public sealed record OfferCost
{
    /// <summary>Credit or voucher amount, in the catalog currency.</summary>
    public double FixedCredit { get; init; }

    /// <summary>Discount as a percentage (0–100) of the customer's average order value.</summary>
    public double PercentOfAov { get; init; }

    /// <summary>Discount as a percentage (0–100) of the open cart's value.</summary>
    public double PercentOfCart { get; init; }

    /// <summary>Cost of one contact, whatever the outcome.</summary>
    public double ContactCost { get; init; }
}
