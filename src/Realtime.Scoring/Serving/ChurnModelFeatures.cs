using Realtime.Core.Churn;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.State;
using F = Realtime.Core.Churn.FeatureSchema;

namespace Realtime.Scoring.Serving;

/// <summary>
/// The model's whole feature vector: <see cref="ChurnFeatures"/> of the state, then the slots from
/// <see cref="FeatureSchema.FirstModelDependent"/> on, computed from those features with the BG/NBD parameters and the
/// horizon stored in the model's metadata (fitted on the training window only). Training, evaluation and the online
/// scorer all come through here, so a model sees the same inputs offline and live. The metadata, not the engine's
/// periodically refitted CLV model, supplies the parameters: a refit would otherwise shift the inputs under a model
/// that learned its splits on the old values.
/// </summary>
public static class ChurnModelFeatures
{
    /// <summary>All features of <paramref name="state"/> as of <paramref name="now"/> for a model with these parameters.</summary>
    public static void Compute(CustomerState state, DateTimeOffset now, BgNbdParameters? bgnbd, double horizonDays, Span<float> features)
    {
        ChurnFeatures.Compute(state, now, features);
        Fill(features, bgnbd, horizonDays);
    }

    /// <summary>
    /// (Re)writes the model-dependent slots from the state-derived ones. Idempotent, so a vector may be filled again
    /// for another model. Without parameters (or orders) the BG/NBD slots stay <see cref="FeatureSchema.Missing"/>.
    /// </summary>
    public static void Fill(Span<float> f, BgNbdParameters? bgnbd, double horizonDays)
    {
        f[F.FirstModelDependent..F.Count].Fill(F.Missing);
        if (f[F.MeanGapDays] > 0)
        {
            f[F.GapVariation] = f[F.GapStdDays] / f[F.MeanGapDays];
            f[F.DaysUntilDue] = f[F.MeanGapDays] - f[F.RecencyDays];
        }

        if (bgnbd is null || Observation(f) is not { } o)
        {
            return;
        }

        f[F.BgNbdProbabilityAlive] = (float)bgnbd.ProbabilityAlive(o.Frequency, o.Recency, o.Age);
        f[F.BgNbdExpectedOrders] = (float)bgnbd.ConditionalExpectedPurchases(horizonDays, o.Frequency, o.Recency, o.Age);
        f[F.BgNbdProbabilityNoOrder] = (float)bgnbd.ProbabilityNoPurchase(horizonDays, o.Frequency, o.Recency, o.Age);
    }

    /// <summary>
    /// BG/NBD's (x, tₓ, T) in days from the feature vector: x = orders − 1, T = days since the first order, tₓ = T −
    /// days since the last. Null without orders. Orders, not distinct purchase days: the vector keeps no day list (a
    /// source with several orders a day, like Online Retail's invoices, counts each).
    /// </summary>
    public static ClvObservation? Observation(ReadOnlySpan<float> f)
    {
        if (f[F.HasOrdered] < 0.5f || f[F.DaysSinceFirstOrder] < 0)
        {
            return null;
        }

        var age = (double)f[F.DaysSinceFirstOrder];
        var x = Math.Max(0, f[F.OrderCount] - 1);
        var recency = x > 0 ? Math.Clamp(age - f[F.RecencyDays], 0, age) : 0;
        return new ClvObservation(x, recency, age);
    }
}
