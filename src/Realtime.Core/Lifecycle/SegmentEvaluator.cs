using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// Decides a customer's segments at a given instant (DESIGN §2.2: time is an input, so a silent customer drifts
/// into <c>at_risk</c> and <c>inactive</c> without new events) and when time alone would next change them.
/// </summary>
public static class SegmentEvaluator
{
    /// <summary>
    /// The segments of <paramref name="state"/> at <paramref name="now"/>. Stage precedence: no order → <c>new</c>
    /// (or <c>inactive</c> when silent past <see cref="LifecycleOptions.InactiveDays"/>); else <c>inactive</c> &gt;
    /// <c>at_risk</c> (overdue or churn score) &gt; <c>hero</c> (RFM top band) &gt; <c>first_time_buyer</c> &gt; <c>active</c>.
    /// Flags <c>negative_experience</c> and <c>cart_abandoner</c> are independent of the stage.
    /// </summary>
    public static SegmentSet Evaluate(CustomerState state, DateTimeOffset now, LifecycleOptions options, RfmScores? rfm = null, double? churnScore = null) =>
        Evaluate(LifecycleFacts.From(state, now, options, rfm, churnScore), options);

    /// <summary>The segments implied by already derived <paramref name="facts"/>.</summary>
    public static SegmentSet Evaluate(LifecycleFacts facts, LifecycleOptions options)
    {
        var set = SegmentSet.Of(Stage(facts, options));
        if (facts.NegativeUntilMs > facts.AtMs)
        {
            set = set.WithFlag(Segment.NegativeExperience);
        }

        if (facts.CartAbandonedAtMs != 0 && facts.AtMs >= facts.CartAbandonedAtMs && facts.AtMs < facts.CartStaleAtMs)
        {
            set = set.WithFlag(Segment.CartAbandoner);
        }

        return set;
    }

    /// <summary>
    /// The earliest instant after <paramref name="now"/> at which time passing alone (no new event) could change the
    /// segments; null when nothing is pending. A scheduler keeps it in a sorted set and re-evaluates then.
    /// RFM-based <c>hero</c> moves with the population, not with this customer's clock: re-evaluate heroes when the
    /// RFM histograms are refreshed.
    /// </summary>
    public static DateTimeOffset? NextTransitionAt(CustomerState state, DateTimeOffset now, LifecycleOptions options) =>
        NextTransitionAt(LifecycleFacts.From(state, now, options));

    /// <summary>The earliest pending threshold in <paramref name="facts"/> strictly after their instant.</summary>
    public static DateTimeOffset? NextTransitionAt(LifecycleFacts facts)
    {
        var next = long.MaxValue;
        Consider(facts.OverdueAtMs);
        Consider(facts.InactiveAtMs);
        Consider(facts.CartAbandonedAtMs);
        Consider(facts.CartStaleAtMs);
        Consider(facts.NegativeUntilMs);
        return next == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(next);

        void Consider(long atMs)
        {
            if (atMs > facts.AtMs && atMs < next)
            {
                next = atMs;
            }
        }
    }

    private static Segment Stage(LifecycleFacts facts, LifecycleOptions options)
    {
        if (facts.OrderCount == 0)
        {
            return facts.InactiveAtMs != 0 && facts.AtMs >= facts.InactiveAtMs ? Segment.Inactive : Segment.New;
        }

        if (facts.AtMs >= facts.InactiveAtMs)
        {
            return Segment.Inactive;
        }

        if (facts.AtMs >= facts.OverdueAtMs || facts.ChurnScore >= options.ChurnAtRiskThreshold)
        {
            return Segment.AtRisk;
        }

        if (facts.Rfm is { } rfm && facts.OrderCount >= options.HeroMinOrders && rfm.Recency >= options.HeroMinRecency
            && rfm.Frequency >= options.HeroMinFrequency && rfm.Monetary >= options.HeroMinMonetary)
        {
            return Segment.Hero;
        }

        return facts.OrderCount == 1 ? Segment.FirstTimeBuyer : Segment.Active;
    }
}
