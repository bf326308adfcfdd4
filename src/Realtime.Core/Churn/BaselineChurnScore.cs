using F = Realtime.Core.Churn.FeatureSchema;

namespace Realtime.Core.Churn;

/// <summary>
/// The churn score used when no trained model is promoted (model version <c>"baseline"</c>): how overdue the customer is
/// against their own purchase rhythm. With x = days since the last order ÷ reference gap, score = x / (1 + x):
/// 0 right after an order, 0.5 when exactly one usual gap has passed, 0.75 at three gaps. The reference gap is the
/// customer's mean gap (at least <see cref="MinimumGapDays"/>), or <see cref="DefaultGapDays"/> before a second order.
/// A customer who never ordered gets <see cref="NoOrderScore"/>: churn is about losing a buyer, and nothing is known yet.
/// Monotone in recency, cheap, never fails: a safe floor, not a calibrated probability.
/// </summary>
public static class BaselineChurnScore
{
    /// <summary>Reference gap for one-time buyers, in days.</summary>
    public const double DefaultGapDays = 90;

    /// <summary>Lower bound on a customer's own gap, so two orders a day apart do not make a week's silence look like churn.</summary>
    public const double MinimumGapDays = 14;

    /// <summary>Score for customers without orders.</summary>
    public const float NoOrderScore = 0.5f;

    /// <summary>The baseline score from a feature vector laid out by <see cref="FeatureSchema"/>.</summary>
    public static float Score(ReadOnlySpan<float> features)
    {
        if (features[F.HasOrdered] < 0.5f)
        {
            return NoOrderScore;
        }

        var meanGap = features[F.MeanGapDays];
        var reference = meanGap > 0 ? Math.Max(MinimumGapDays, meanGap) : DefaultGapDays;
        var x = features[F.RecencyDays] / reference;
        return (float)(x / (1 + x));
    }
}
