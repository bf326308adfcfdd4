namespace Realtime.Core.Offers;

/// <summary>
/// One offer as the engine saw it for one request. Scores are present for offers that passed every gate
/// (<see cref="OfferVerdict.Chosen"/>, <see cref="OfferVerdict.Outscored"/>, <see cref="OfferVerdict.NotWorthIt"/>, and
/// <see cref="OfferVerdict.Overridden"/> for analysis), and null for offers stopped earlier.
/// </summary>
public sealed record OfferCandidate
{
    /// <summary>The offer's id.</summary>
    public required string OfferId { get; init; }

    /// <summary>The offer's play.</summary>
    public required OfferKind Kind { get; init; }

    /// <summary>The engine's conclusion.</summary>
    public required OfferVerdict Verdict { get; init; }

    /// <summary>Why, in words a marketer can read (<c>ordered 1.0 days ago; sales offers wait 3 days</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>The segment key priors and stats were looked up under.</summary>
    public required string SegmentKey { get; init; }

    /// <summary>Acceptance probability used (a Thompson sample or the posterior mean).</summary>
    public double? AcceptProbability { get; init; }

    /// <summary>Incremental margin if accepted.</summary>
    public double? ValueIfAccepted { get; init; }

    /// <summary>Store cost if accepted (credit and discounts).</summary>
    public double? CostIfAccepted { get; init; }

    /// <summary>Expected net value: <c>p × (value − cost) − contact_cost</c>.</summary>
    public double? ExpectedValue { get; init; }
}
