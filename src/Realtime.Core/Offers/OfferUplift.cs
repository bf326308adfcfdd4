namespace Realtime.Core.Offers;

/// <summary>Uplift per offer from treated versus holdout conversions.</summary>
public static class OfferUplift
{
    private const double Z95 = 1.959964;

    /// <summary>
    /// Wald interval for a difference of proportions: <c>(p1 − p0) ± 1.96 × sqrt(p1(1−p1)/n1 + p0(1−p0)/n0)</c>.
    /// With a side at 0 or 1 the Wald variance vanishes, so rates use the Agresti–Caffo adjustment (+1 success,
    /// +1 failure per group) inside the variance only; offers with an empty group are left out.
    /// </summary>
    public static IReadOnlyList<UpliftEstimate> Compute(OfferStats stats)
    {
        var estimates = new List<UpliftEstimate>();
        foreach (var offerId in stats.UpliftOfferIds())
        {
            var c = stats.Uplift(offerId);
            if (c.Treated == 0 || c.Holdout == 0)
            {
                continue;
            }

            var p1 = (double)c.TreatedConverted / c.Treated;
            var p0 = (double)c.HoldoutConverted / c.Holdout;
            var q1 = (c.TreatedConverted + 1.0) / (c.Treated + 2.0);
            var q0 = (c.HoldoutConverted + 1.0) / (c.Holdout + 2.0);
            var se = Math.Sqrt((q1 * (1 - q1) / (c.Treated + 2.0)) + (q0 * (1 - q0) / (c.Holdout + 2.0)));
            var uplift = p1 - p0;
            estimates.Add(new UpliftEstimate(offerId, c, p1, p0, uplift, uplift - (Z95 * se), uplift + (Z95 * se)));
        }

        return estimates;
    }
}
