namespace Realtime.Scoring.Training;

/// <summary>
/// Platt scaling of the forest's probability: p' = σ(<see cref="Slope"/> · logit(p) + <see cref="Intercept"/>), fitted
/// on the validation part and out-of-part scores of the training part (ChurnFitProcedure). Chosen over isotonic regression because two parameters fit stably on small validation
/// splits (a demo store has a few dozen examples), it is strictly monotone (the ranking, hence ROC AUC, is untouched)
/// and it creates no ties; isotonic's step function overfits such splits and flattens the ranking inside each step.
/// </summary>
public sealed record PlattCalibration(double Slope, double Intercept)
{
    private const double Epsilon = 1e-6;

    /// <summary>No change (models saved before calibration existed).</summary>
    public static PlattCalibration Identity { get; } = new(1, 0);

    /// <summary>
    /// Fits slope and intercept by Newton's method on the log loss, halving a step that would not lower it (far from
    /// the optimum, as with very overconfident scores, a full step overshoots); a tiny ridge keeps separable data finite.
    /// </summary>
    public static PlattCalibration Fit(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        var z = scores.Select(s => Logit(s)).ToArray();
        double slope = 1, intercept = 0;
        var loss = Loss(z, churned, slope, intercept);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double gs = 0, gi = 0, hss = 1e-6, hsi = 0, hii = 1e-6;
            for (var k = 0; k < z.Length; k++)
            {
                var p = Sigmoid((slope * z[k]) + intercept);
                var r = (churned[k] ? 1 : 0) - p;
                var w = p * (1 - p);
                gs += r * z[k];
                gi += r;
                hss += w * z[k] * z[k];
                hsi += w * z[k];
                hii += w;
            }

            var det = (hss * hii) - (hsi * hsi);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var (ds, di) = (((hii * gs) - (hsi * gi)) / det, ((hss * gi) - (hsi * gs)) / det);
            var step = 1.0;
            var next = Loss(z, churned, slope + ds, intercept + di);
            while (!(next <= loss) && step > 1e-6)
            {
                step /= 2;
                next = Loss(z, churned, slope + (step * ds), intercept + (step * di));
            }

            if (!(next <= loss))
            {
                break;
            }

            (slope, intercept) = (slope + (step * ds), intercept + (step * di));
            var improvement = loss - next;
            loss = next;
            if (improvement < 1e-12 * Math.Max(1, loss))
            {
                break;
            }
        }

        // A non-positive slope would reverse or flatten the ranking the model learned: keep the raw scores instead.
        return slope > 0 && double.IsFinite(slope) && double.IsFinite(intercept) ? new PlattCalibration(slope, intercept) : Identity;
    }

    private static double Loss(double[] z, IReadOnlyList<bool> churned, double slope, double intercept)
    {
        double total = 0;
        for (var k = 0; k < z.Length; k++)
        {
            // log(1 + e^−m) with m the signed margin, written to stay finite for large |m|.
            var margin = ((slope * z[k]) + intercept) * (churned[k] ? 1 : -1);
            total += margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin));
        }

        return total;
    }

    /// <summary>The calibrated probability of a raw score.</summary>
    public float Apply(float score) => (float)Sigmoid((Slope * Logit(score)) + Intercept);

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return Math.Log(q / (1 - q));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
