using Realtime.Core.Lifecycle;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>Everything one decision depends on. The engine reads nothing else: no clock, no store.</summary>
public sealed record OfferRequest
{
    /// <summary>The customer's folded state.</summary>
    public required CustomerState Customer { get; init; }

    /// <summary>The customer's segments as evaluated at <see cref="Now"/> (primary stage plus flags).</summary>
    public required IReadOnlySet<Segment> Segments { get; init; }

    /// <summary>Where the offer would be shown (<c>email</c>, <c>web</c>, <c>app</c>, <c>sms</c>, ...).</summary>
    public required string Channel { get; init; }

    /// <summary>The decision time.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Churn probability in [0, 1], if a model scored the customer.</summary>
    public double? ChurnScore { get; init; }

    /// <summary>Predicted customer lifetime value in the catalog currency, if known.</summary>
    public double? PredictedClv { get; init; }

    /// <summary>Observed shown/redeemed counts per offer×segment; null = priors only.</summary>
    public OfferStats? Stats { get; init; }

    /// <summary>Budget used so far per offer id; offers absent here have used nothing.</summary>
    public IReadOnlyDictionary<string, OfferBudgetUsage>? BudgetUsed { get; init; }

    /// <summary>The daily contact budget the channel shares with triggered communications; null = none shared.</summary>
    public SharedContactBudget? SharedBudget { get; init; }
}
