using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

public sealed class ChurnCalibrationTests
{
    [Fact]
    public void Platt_scaling_brings_overconfident_scores_to_the_observed_rates_without_changing_their_order()
    {
        var rng = new Random(3);
        var truth = Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble()).ToList();
        var labels = truth.Select(q => rng.NextDouble() < q).ToList();
        // Overconfident: σ(3 · logit q) pushes every probability towards 0 or 1.
        var raw = truth.Select(q => (float)(1 / (1 + Math.Pow((1 - q) / q, 3)))).ToList();

        var platt = PlattCalibration.Fit(raw, labels);
        var calibrated = raw.Select(platt.Apply).ToList();
        var before = ChurnMetrics.Compute(raw, labels);
        var after = ChurnMetrics.Compute(calibrated, labels);

        Assert.InRange(platt.Slope, 0.3, 0.37);
        Assert.True(before.CalibrationMaxGap > 0.1, $"raw max gap {before.CalibrationMaxGap}");
        Assert.True(after.CalibrationMaxGap < 0.03, $"calibrated max gap {after.CalibrationMaxGap}");
        Assert.Equal(before.RocAuc, after.RocAuc, 4); // float rounding of the extremes may merge a few ties
    }

    [Fact]
    public void The_reliability_table_has_ten_equal_count_deciles_by_score()
    {
        var scores = Enumerable.Range(0, 100).Select(i => i / 100f).ToList();
        var labels = scores.Select(s => s >= 0.9f).ToList();

        var reliability = ChurnMetrics.Compute(scores, labels).Reliability;

        Assert.Equal(Enumerable.Range(1, 10), reliability.Select(d => d.Decile));
        Assert.All(reliability, d => Assert.Equal(10, d.Count));
        Assert.Equal(0.045, reliability[0].MeanPredicted, 6);
        Assert.Equal(0, reliability[0].ObservedRate);
        Assert.Equal(1, reliability[9].ObservedRate);
    }

    [Fact]
    public void A_calibration_that_would_reverse_the_ranking_is_refused()
    {
        float[] scores = [0.9f, 0.8f, 0.2f, 0.1f];
        bool[] labels = [false, false, true, true];

        Assert.Equal(PlattCalibration.Identity, PlattCalibration.Fit(scores, labels));
    }
}
