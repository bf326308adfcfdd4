namespace Realtime.Core.Offers;

/// <summary>Catalog-wide decision settings. Every property has a documented default, so a catalog may omit the policy.</summary>
public sealed record OfferPolicy
{
    /// <summary>An offer is chosen only when its expected net value exceeds this (default 0: anything profitable).</summary>
    public double MinExpectedValue { get; init; }

    /// <summary>Gross margin rate (0–1) on incremental revenue (default 0.35).</summary>
    public double MarginRate { get; init; } = 0.35;

    /// <summary>AOV assumed for customers without an order (default 50).</summary>
    public double DefaultAov { get; init; } = 50;

    /// <summary>CLV assumed, in AOVs, when no prediction is passed in (default 3).</summary>
    public double ClvFallbackAovMultiple { get; init; } = 3;

    /// <summary>Churn score assumed when none is passed in (default 0.3).</summary>
    public double DefaultChurnScore { get; init; } = 0.3;

    /// <summary>Sales offers are suppressed for this many days after an order (default 3).</summary>
    public double SuppressSalesAfterOrderDays { get; init; } = 3;

    /// <summary>Share (0–1) of customers held out from every offer to measure uplift (default 0.1).</summary>
    public double HoldoutShare { get; init; } = 0.1;

    /// <summary>Salt of the holdout assignment: change it to draw a new holdout group (default <c>offers-v1</c>).</summary>
    public string ExperimentSalt { get; init; } = "offers-v1";

    /// <summary>An order within this many days after a contact (or a holdout assignment) counts as a conversion (default 14).</summary>
    public double AttributionDays { get; init; } = 14;

    /// <summary>Contact caps per channel; channels without a cap are limited only by the offers' own rules.</summary>
    public IReadOnlyList<ChannelCap> ChannelCaps { get; init; } = [];
}
