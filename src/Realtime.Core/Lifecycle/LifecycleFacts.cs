using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// The derived facts segments are decided on, as of one instant. Segment evaluation, the next-transition time and
/// the facts attached to a <see cref="SegmentChange"/> all come from here, so they cannot disagree.
/// Times are Unix milliseconds (0 = not applicable), like the state.
/// </summary>
public sealed record LifecycleFacts
{
    public required long AtMs { get; init; }

    public required int OrderCount { get; init; }

    /// <summary>Days since the last order; null without orders.</summary>
    public double? DaysSinceLastOrder { get; init; }

    /// <summary>The customer's expected days between orders: its own mean gap (floored), else the default for one-order customers.</summary>
    public double? ExpectedGapDays { get; init; }

    /// <summary>When the customer becomes overdue (<c>at_risk</c>); 0 without orders.</summary>
    public long OverdueAtMs { get; init; }

    /// <summary>When the customer becomes <c>inactive</c>.</summary>
    public long InactiveAtMs { get; init; }

    public double CartValue { get; init; }

    /// <summary>When the open cart counts as abandoned; 0 without an open cart.</summary>
    public long CartAbandonedAtMs { get; init; }

    /// <summary>When an abandoned cart goes stale and the flag drops; 0 without an open cart.</summary>
    public long CartStaleAtMs { get; init; }

    /// <summary>When the latest negative signal (low review, unhappy ticket, return) stops counting; 0 without one.</summary>
    public long NegativeUntilMs { get; init; }

    public double NetRevenue { get; init; }

    public RfmScores? Rfm { get; init; }

    public double? ChurnScore { get; init; }

    /// <summary>Derives the facts for <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static LifecycleFacts From(CustomerState state, DateTimeOffset now, LifecycleOptions options, RfmScores? rfm = null, double? churnScore = null)
    {
        var nowMs = TimeUnits.ToMs(now);
        double? daysSince = null;
        double? gap = null;
        long overdueAt = 0;
        long inactiveAt;
        if (state.OrderCount > 0)
        {
            daysSince = TimeUnits.DaysBetween(state.LastOrderMs, nowMs);
            gap = Math.Max(state.MeanOrderGapDays ?? options.DefaultExpectedGapDays, options.MinExpectedGapDays);
            overdueAt = state.LastOrderMs + DaysToMs(options.OverdueFactor * gap.Value);
            inactiveAt = state.LastOrderMs + DaysToMs(Math.Min(options.InactiveDays, options.InactiveFactor * gap.Value));
        }
        else
        {
            // Never bought: "long silent" is judged on any activity, not on orders.
            inactiveAt = state.LastSeenMs == 0 ? 0 : state.LastSeenMs + DaysToMs(options.InactiveDays);
        }

        long cartAbandonedAt = 0;
        long cartStaleAt = 0;
        var cartValue = state.CartValue;
        if (state.Cart.Count > 0 && state.CartUpdatedMs > state.LastOrderMs)
        {
            cartAbandonedAt = state.CartUpdatedMs + (long)options.CartAbandonAfter.TotalMilliseconds;
            cartStaleAt = state.CartUpdatedMs + (long)options.CartAbandonExpiresAfter.TotalMilliseconds;
        }

        var lastNegative = Math.Max(state.LastLowRatingMs, state.LastUnhappyTicketMs);
        if (options.ReturnsAreNegative)
        {
            lastNegative = Math.Max(lastNegative, state.LastReturnMs);
        }

        return new LifecycleFacts
        {
            AtMs = nowMs,
            OrderCount = state.OrderCount,
            DaysSinceLastOrder = daysSince,
            ExpectedGapDays = gap,
            OverdueAtMs = overdueAt,
            InactiveAtMs = inactiveAt,
            CartValue = cartValue,
            CartAbandonedAtMs = cartAbandonedAt,
            CartStaleAtMs = cartStaleAt,
            NegativeUntilMs = lastNegative == 0 ? 0 : lastNegative + DaysToMs(options.NegativeWindowDays),
            NetRevenue = state.NetRevenue,
            Rfm = rfm,
            ChurnScore = churnScore,
        };
    }

    // Rounded up so that evaluating exactly at the returned instant already shows the new segment.
    private static long DaysToMs(double days) => (long)Math.Ceiling(days * TimeUnits.MsPerDay);
}
