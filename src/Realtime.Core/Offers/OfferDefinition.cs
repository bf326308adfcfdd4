using Realtime.Core.Lifecycle;

namespace Realtime.Core.Offers;

/// <summary>One offer of the catalog: who gets it, where, what it costs, what it is worth, and how often.</summary>
public sealed record OfferDefinition
{
    /// <summary>Unique id (<c>[a-z0-9_-]</c>); <c>none</c> is reserved for "no offer". Carried as <c>offer_id</c> on events.</summary>
    public string? Id { get; init; }

    /// <summary>The play this offer belongs to.</summary>
    public OfferKind Kind { get; init; } = OfferKind.Other;

    /// <summary>Human-readable description for marketers and decision logs.</summary>
    public string? Description { get; init; }

    /// <summary>Channels it may be shown on (<c>email</c>, <c>web</c>, <c>app</c>, <c>sms</c>, ...).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Who may receive it.</summary>
    public OfferEligibility Eligibility { get; init; } = new();

    /// <summary>What an acceptance costs the store.</summary>
    public OfferCost Cost { get; init; } = new();

    /// <summary>What an acceptance is worth to the store.</summary>
    public OfferValueModel Value { get; init; } = new();

    /// <summary>Contact rules for this offer.</summary>
    public OfferContactRules Contact { get; init; } = new();

    /// <summary>Global budget; null = unlimited.</summary>
    public OfferBudget? Budget { get; init; }

    /// <summary>Not shown before this instant.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Not shown from this instant on.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>A sales offer is suppressed right after a purchase (<see cref="OfferPolicy.SuppressSalesAfterOrderDays"/>).</summary>
    public bool Sales { get; init; } = true;

    /// <summary>When eligible, every non-override offer is set aside (service recovery before selling).</summary>
    public bool Override { get; init; }

    /// <summary>Breaks ties between equal expected values: higher first.</summary>
    public int Priority { get; init; }

    /// <summary>
    /// Acceptance priors by segment wire name (<c>first_time_buyer</c>, ...) plus an optional <c>default</c>.
    /// </summary>
    public IReadOnlyDictionary<string, BetaPrior> Priors { get; init; } = new Dictionary<string, BetaPrior>();

    /// <summary>The prior for a segment key, else <c>default</c>, else <see cref="BetaPrior.Fallback"/>.</summary>
    public BetaPrior PriorFor(string segmentKey) =>
        Priors.GetValueOrDefault(segmentKey) ?? Priors.GetValueOrDefault(OfferSegmentKeys.Default) ?? BetaPrior.Fallback;

    /// <summary>True when the offer is restricted to segments and <paramref name="segment"/> is one of them.</summary>
    internal bool Targets(Segment segment) => Eligibility.Segments.Contains(segment);
}
