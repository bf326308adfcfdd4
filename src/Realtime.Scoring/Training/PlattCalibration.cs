namespace Realtime.Scoring.Training;

/// <summary>
/// Platt scaling of the forest's probability: p' = σ(<see cref="Slope"/> · logit(p) + <see cref="Intercept"/>), fitted
/// on the validation split. Chosen over isotonic regression because two parameters fit stably on small validation
/// splits (a demo store has a few dozen examples), it is strictly monotone (the ranking, hence ROC AUC, is untouched)
/// and it creates no ties; isotonic's step function overfits such splits and flattens the ranking inside each step.
/// </summary>
public sealed record PlattCalibration(double Slope, double Intercept)
{
    private const double Epsilon = 1e-6;

    /// <summary>No change (models saved before calibration existed).</summary>
    public static PlattCalibration Identity { get; } = new(1, 0);

    /// <summary>Fits slope and intercept by Newton's method on the log loss (a tiny ridge keeps separable data finite).</summary>
    public static PlattCalibration Fit(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        double slope = 1, intercept = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gs = 0, gi = 0, hss = 1e-6, hsi = 0, hii = 1e-6;
            for (var k = 0; k < scores.Count; k++)
            {
                var z = Logit(scores[k]);
                var p = Sigmoid((slope * z) + intercept);
                var r = (churned[k] ? 1 : 0) - p;
                var w = p * (1 - p);
                gs += r * z;
                gi += r;
                hss += w * z * z;
                hsi += w * z;
                hii += w;
            }

            var det = (hss * hii) - (hsi * hsi);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var (ds, di) = (((hii * gs) - (hsi * gi)) / det, ((hss * gi) - (hsi * gs)) / det);
            (slope, intercept) = (slope + ds, intercept + di);
            if (Math.Abs(ds) + Math.Abs(di) < 1e-10)
            {
                break;
            }
        }

        // A non-positive slope would reverse or flatten the ranking the model learned: keep the raw scores instead.
        return slope > 0 && double.IsFinite(intercept) ? new PlattCalibration(slope, intercept) : Identity;
    }

    /// <summary>The calibrated probability of a raw score.</summary>
    public float Apply(float score) => (float)Sigmoid((Slope * Logit(score)) + Intercept);

    private static double Logit(float p)
    {
        var q = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return Math.Log(q / (1 - q));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
