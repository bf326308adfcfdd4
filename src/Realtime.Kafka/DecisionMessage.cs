using Realtime.Core.Offers;

namespace Realtime.Kafka;

/// <summary>One message on the decisions topic (JSON, snake_case; README "Decisions topic" documents it).</summary>
public sealed record DecisionMessage
{
    public required string DecisionId { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The offer shown, or <c>none</c>.</summary>
    public required string OfferId { get; init; }

    public required string Channel { get; init; }

    public required double ExpectedValue { get; init; }

    public required bool Holdout { get; init; }

    /// <summary>What would have been shown without the holdout (equals <see cref="OfferId"/> for treated customers).</summary>
    public required string WouldHaveOfferId { get; init; }

    public required double WouldHaveExpectedValue { get; init; }

    /// <summary>The segment key of the chosen offer, or the customer's primary stage for none.</summary>
    public required string Segment { get; init; }

    public required IReadOnlyList<string> Segments { get; init; }

    public required string CatalogVersion { get; init; }

    public required string ModelVersion { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }

    public required string Reason { get; init; }

    /// <summary>Every offer considered, best first: id, verdict and (when scored) expected value.</summary>
    public required IReadOnlyList<DecisionAlternative> Alternatives { get; init; }

    /// <summary>The message for a published decision.</summary>
    public static DecisionMessage From(PublishedDecision published)
    {
        var d = published.Decision;
        return new DecisionMessage
        {
            DecisionId = published.DecisionId,
            CustomerId = d.CustomerId,
            OfferId = d.OfferId,
            Channel = d.Channel,
            ExpectedValue = Math.Round(d.ExpectedValue, 4),
            Holdout = d.Holdout,
            WouldHaveOfferId = d.WouldHaveOfferId,
            WouldHaveExpectedValue = Math.Round(d.WouldHaveExpectedValue, 4),
            Segment = d.SegmentKey.Length > 0 ? d.SegmentKey : published.Segments.Count > 0 ? published.Segments[0] : string.Empty,
            Segments = published.Segments,
            CatalogVersion = d.CatalogVersion,
            ModelVersion = published.ModelVersion,
            DecidedAt = d.DecidedAt,
            Reason = d.Reason,
            Alternatives = d.Alternatives
                .Select(a => new DecisionAlternative(a.OfferId, a.Verdict.ToWire(), a.ExpectedValue is { } v ? Math.Round(v, 4) : null))
                .ToList(),
        };
    }
}
