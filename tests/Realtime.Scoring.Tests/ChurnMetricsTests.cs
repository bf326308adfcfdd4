using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

public sealed class ChurnMetricsTests
{
    [Fact]
    public void A_perfect_ranking_has_unit_auc_and_a_reversed_one_zero()
    {
        bool[] labels = [true, true, false, false];

        Assert.Equal(1, ChurnMetrics.Compute([0.9f, 0.8f, 0.2f, 0.1f], labels).RocAuc);
        Assert.Equal(0, ChurnMetrics.Compute([0.1f, 0.2f, 0.8f, 0.9f], labels).RocAuc);
        Assert.Equal(0.5, ChurnMetrics.Compute([0.5f, 0.5f, 0.5f, 0.5f], labels).RocAuc);
    }

    [Fact]
    public void Average_precision_brier_and_lift_match_hand_computed_values()
    {
        // Ranked: +, -, + → AP = (1/2)·1 + (1/2)·(2/3).
        var m = ChurnMetrics.Compute([0.9f, 0.6f, 0.3f], [true, false, true]);

        Assert.Equal((0.5 * 1) + (0.5 * 2 / 3.0), m.PrAuc, 6);
        Assert.Equal(((0.1 * 0.1) + (0.6 * 0.6) + (0.7 * 0.7)) / 3, m.Brier, 5);
        Assert.Equal(1 / (2 / 3.0), m.TopDecileLift, 6);
        Assert.Equal(10, m.Calibration.Count);
        Assert.Equal(1, m.Calibration[9].Count);
    }
}
