using Realtime.Core.Churn;

namespace Realtime.Scoring.Training;

/// <summary>
/// The recency-only baseline every model must beat: p = σ(a + b · ln(1 + days since last order)), a one-feature
/// logistic regression fitted by Newton's method on the training examples. Its ranking is recency's ranking; the fit
/// only turns it into probabilities so log loss and Brier score compare fairly.
/// </summary>
public sealed record RecencyBaseline(double Intercept, double Slope)
{
    /// <summary>Fits a and b on the examples (20 Newton steps with a tiny ridge keep it stable on separable data).</summary>
    public static RecencyBaseline Fit(IReadOnlyList<ChurnExample> examples)
    {
        double a = 0, b = 0;
        for (var iteration = 0; iteration < 20; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
            foreach (var e in examples)
            {
                var x = X(e.Features);
                var p = Sigmoid(a + (b * x));
                var r = (e.Churned ? 1 : 0) - p;
                var w = p * (1 - p);
                ga += r;
                gb += r * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }

            var det = (haa * hbb) - (hab * hab);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            a += ((hbb * ga) - (hab * gb)) / det;
            b += ((haa * gb) - (hab * ga)) / det;
        }

        return new RecencyBaseline(a, b);
    }

    /// <summary>The baseline's churn probability for a feature vector.</summary>
    public float Score(ReadOnlySpan<float> features) => (float)Sigmoid(Intercept + (Slope * X(features)));

    private static double X(ReadOnlySpan<float> f) => Math.Log(1 + Math.Max(0, f[FeatureSchema.RecencyDays]));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
