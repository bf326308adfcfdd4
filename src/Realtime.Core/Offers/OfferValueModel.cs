namespace Realtime.Core.Offers;

/// <summary>
/// Incremental value assumptions for an accepted offer:
/// <c>value_if_accepted = incremental_share × margin × multiplier × basis + fixed_value</c>,
/// where <c>basis</c> is the amount chosen by <see cref="Basis"/> and <c>margin</c> is <see cref="MarginRate"/>
/// or the policy's. The incremental share discounts the part the customer would have bought anyway.
/// </summary>
public sealed record OfferValueModel
{
    /// <summary>The amount the value is proportional to.</summary>
    public ValueBasis Basis { get; init; } = ValueBasis.Aov;

    /// <summary>Scales the basis (e.g. 1.2 when an upsell grows the basket by 20 %).</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>Share (0–1) of the accepted revenue that would not have happened without the offer.</summary>
    public double IncrementalShare { get; init; } = 1;

    /// <summary>Gross margin rate (0–1) for this offer; null uses <see cref="OfferPolicy.MarginRate"/>.</summary>
    public double? MarginRate { get; init; }

    /// <summary>A fixed value per acceptance (e.g. a referred customer's expected margin), already incremental.</summary>
    public double FixedValue { get; init; }
}
