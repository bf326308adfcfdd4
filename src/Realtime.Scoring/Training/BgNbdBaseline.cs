using Realtime.Core.Churn;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// The BG/NBD baseline: churn score = P(no purchase in the horizon | x, tₓ, T) under BG/NBD parameters fitted on the
/// training examples alone (each example's (x, tₓ, T) as of its own cutoff, so nothing after a cutoff is seen).
/// </summary>
public static class BgNbdBaseline
{
    /// <summary>The parameters fitted on <paramref name="training"/>; null when no example has an order or the fit is unusable.</summary>
    public static BgNbdParameters? Fit(IReadOnlyList<ChurnExample> training)
    {
        var observations = training.Select(e => ChurnModelFeatures.Observation(e.Features)).OfType<ClvObservation>().ToList();
        if (observations.Count == 0)
        {
            return null;
        }

        var fit = ClvModelFit.Fit(observations, training.Max(e => e.Cutoff));
        return fit.Problem() is null ? fit.BgNbd : null;
    }

    /// <summary>The baseline's score; a customer without orders has nothing to go on and scores 1 (no purchase expected).</summary>
    public static float Score(BgNbdParameters parameters, ReadOnlySpan<float> features, double horizonDays) =>
        ChurnModelFeatures.Observation(features) is { } o
            ? (float)parameters.ProbabilityNoPurchase(horizonDays, o.Frequency, o.Recency, o.Age)
            : 1f;
}
