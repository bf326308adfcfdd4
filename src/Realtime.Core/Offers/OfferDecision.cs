namespace Realtime.Core.Offers;

/// <summary>The engine's answer for one customer and channel: one offer or <see cref="NoneId"/>, and how it got there.</summary>
public sealed record OfferDecision
{
    /// <summary>The offer id of the no-offer decision.</summary>
    public const string NoneId = "none";

    /// <summary>The customer decided for.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The offer to show, or <see cref="NoneId"/> (nothing worth its cost, or a holdout customer).</summary>
    public required string OfferId { get; init; }

    /// <summary>The channel decided for.</summary>
    public required string Channel { get; init; }

    /// <summary>Expected net value of the shown offer (0 for none).</summary>
    public required double ExpectedValue { get; init; }

    /// <summary>True when the customer is in the holdout group and gets nothing whatever the engine would pick.</summary>
    public required bool Holdout { get; init; }

    /// <summary>What the engine would have shown without the holdout (equals <see cref="OfferId"/> for treated customers).</summary>
    public required string WouldHaveOfferId { get; init; }

    /// <summary>Expected value of <see cref="WouldHaveOfferId"/>.</summary>
    public required double WouldHaveExpectedValue { get; init; }

    /// <summary>The segment key of the chosen offer (for the decision log and learning); empty for none.</summary>
    public required string SegmentKey { get; init; }

    /// <summary>One line on why.</summary>
    public required string Reason { get; init; }

    /// <summary>Every offer of the catalog with its verdict and, when scored, its numbers; best first.</summary>
    public required IReadOnlyList<OfferCandidate> Alternatives { get; init; }

    /// <summary>The catalog version that decided.</summary>
    public required string CatalogVersion { get; init; }

    /// <summary>When it was decided.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>True when no offer is to be shown.</summary>
    public bool IsNone => OfferId == NoneId;
}
