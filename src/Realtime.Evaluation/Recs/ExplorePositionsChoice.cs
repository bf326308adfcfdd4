using System.Globalization;
using System.Text;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// Chooses the ranker's explore positions and explore margin on the validation window (never the test window): of the
/// slates measured (0..<see cref="RecsHarness.MaxExplorePositions"/> positions always filled, and
/// 1..<see cref="RecsHarness.MaxMarginPositions"/> with each of <see cref="RecsHarness.ExploreMargins"/>), the one with
/// the most explore HR@10 whose HR@10 and NDCG@10 both stay at least <see cref="Margin"/> above the best next-basket
/// baseline (P-TopFreq, TIFU-KNN) there; 0 positions when none does. That is the most explore the headline targets allow.
/// </summary>
internal static class ExplorePositionsChoice
{
    /// <summary>Issue 16's headline margin over the best baseline.</summary>
    public const double Margin = 1.05;

    /// <summary>The choice and a line describing the validation curve it was made on.</summary>
    public static (int Positions, double ExploreMargin, string Curve) Choose(RecsReport validation)
    {
        var systems = validation.Systems.ToDictionary(s => s.Name, s => s.Metrics);
        var bestHr = Math.Max(systems["ptopfreq"].All.HitRate, systems["tifuknn"].All.HitRate);
        var bestNdcg = Math.Max(systems["ptopfreq"].All.Ndcg, systems["tifuknn"].All.Ndcg);
        List<(int Positions, double ExploreMargin, string Name)> slates = [];
        for (var k = 0; k <= RecsHarness.MaxExplorePositions; k++)
        {
            slates.Add((k, double.PositiveInfinity, $"ranker_explore{k}"));
        }

        for (var k = 1; k <= RecsHarness.MaxMarginPositions; k++)
        {
            foreach (var margin in RecsHarness.ExploreMargins)
            {
                slates.Add((k, margin, RecsHarness.MarginSystem(k, margin)));
            }
        }

        var (chosen, chosenMargin, chosenExplore) = (0, double.PositiveInfinity, double.NegativeInfinity);
        var curve = new StringBuilder();
        foreach (var (k, margin, name) in slates)
        {
            var m = systems[name];
            var kept = m.All.HitRate >= Margin * bestHr && m.All.Ndcg >= Margin * bestNdcg;
            if (kept && m.Split.Explore.HitRate > chosenExplore)
            {
                (chosen, chosenMargin, chosenExplore) = (k, margin, m.Split.Explore.HitRate);
            }

            var label = double.IsPositiveInfinity(margin) ? $"{k}" : $"{k} margin {margin}";
            curve.Append(CultureInfo.InvariantCulture, $"{label}: {m.All.HitRate:F4}/{m.All.Ndcg:F4}/{m.Split.Explore.HitRate:F4}{(kept ? "" : " (below)")}; ");
        }

        return (chosen, chosenMargin, string.Create(
            CultureInfo.InvariantCulture,
            $"explore positions {chosen} margin {chosenMargin} chosen on {validation.Dataset} (HR@10/NDCG@10/explore HR@10 per slate: {curve}bar {Margin * bestHr:F4}/{Margin * bestNdcg:F4}; itemknn explore HR@10 {systems["itemknn"].Split.Explore.HitRate:F4})"));
    }
}
