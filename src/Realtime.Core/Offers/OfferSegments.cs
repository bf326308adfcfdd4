using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// A customer's segments as offers see them: <see cref="SegmentEvaluator"/> at the given instant, with RFM scores
/// from the population histograms (for <c>hero</c>) and the churn score if one is known. Decisions and learning both
/// call this, so an offer's statistics are kept under the same segment keys it is decided with.
/// </summary>
public static class OfferSegments
{
    /// <summary>The segment set of <paramref name="state"/> at <paramref name="at"/>.</summary>
    public static SegmentSet Evaluate(CustomerState state, DateTimeOffset at, LifecycleOptions options, RfmHistograms histograms, double? churnScore)
    {
        var rfm = RfmMetrics.From(state) is { } metrics ? RfmScorer.Score(metrics, histograms) : (RfmScores?)null;
        return SegmentEvaluator.Evaluate(state, at, options, rfm, churnScore);
    }

    /// <summary>The same, as the set the decision engine reads.</summary>
    public static IReadOnlySet<Segment> For(CustomerState state, DateTimeOffset at, LifecycleOptions options, RfmHistograms histograms, double? churnScore) =>
        Evaluate(state, at, options, histograms, churnScore).ToList().ToHashSet();
}
