using System.Globalization;
using System.Text;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// Chooses the ranker's explore positions on the validation window (never the test window): the most reserved
/// positions whose HR@10 and NDCG@10 both stay at least <see cref="Margin"/> above the best next-basket baseline
/// (P-TopFreq, TIFU-KNN) there; 0 when none does. More positions only buy explore hits, so this is the most explore
/// the headline targets allow.
/// </summary>
internal static class ExplorePositionsChoice
{
    /// <summary>Issue 16's headline margin over the best baseline.</summary>
    public const double Margin = 1.05;

    /// <summary>The choice and a line describing the validation curve it was made on.</summary>
    public static (int Positions, string Curve) Choose(RecsReport validation)
    {
        var systems = validation.Systems.ToDictionary(s => s.Name, s => s.Metrics);
        var bestHr = Math.Max(systems["ptopfreq"].All.HitRate, systems["tifuknn"].All.HitRate);
        var bestNdcg = Math.Max(systems["ptopfreq"].All.Ndcg, systems["tifuknn"].All.Ndcg);
        var chosen = 0;
        var curve = new StringBuilder();
        for (var k = 0; k <= RecsHarness.MaxExplorePositions; k++)
        {
            var m = systems[$"ranker_explore{k}"];
            var kept = m.All.HitRate >= Margin * bestHr && m.All.Ndcg >= Margin * bestNdcg;
            chosen = kept ? k : chosen;
            curve.Append(CultureInfo.InvariantCulture, $"{k}: {m.All.HitRate:F4}/{m.All.Ndcg:F4}/{m.Split.Explore.HitRate:F4}{(kept ? "" : " (below)")}; ");
        }

        return (chosen, string.Create(
            CultureInfo.InvariantCulture,
            $"explore positions {chosen} chosen on {validation.Dataset} (HR@10/NDCG@10/explore HR@10 per positions: {curve}bar {Margin * bestHr:F4}/{Margin * bestNdcg:F4}; itemknn explore HR@10 {systems["itemknn"].Split.Explore.HitRate:F4})"));
    }
}
