using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

public sealed class IsotonicCalibrationTests
{
    [Fact]
    public void Isotonic_closes_a_gap_a_sigmoid_cannot_bend_to_on_fresh_data_and_stays_monotone()
    {
        // Miscalibrated only at the low end: a raw score below 0.3 really churns at 0.3 whatever it says; above, truthfully.
        static double Truth(double raw) => Math.Max(0.3, raw);
        var (fitRaw, fitLabels) = Draw(20_000, seed: 1);
        var (testRaw, testLabels) = Draw(20_000, seed: 2);

        var isotonic = IsotonicCalibration.Fit(fitRaw, fitLabels);
        var platt = PlattCalibration.Fit(fitRaw, fitLabels);
        var withIsotonic = ChurnMetrics.Compute(testRaw.Select(isotonic.Apply).ToList(), testLabels);
        var withPlatt = ChurnMetrics.Compute(testRaw.Select(platt.Apply).ToList(), testLabels);

        Assert.True(withPlatt.CalibrationMaxGap > 0.04, $"Platt max gap {withPlatt.CalibrationMaxGap:0.000}");
        Assert.True(withIsotonic.CalibrationMaxGap < 0.03, $"isotonic max gap {withIsotonic.CalibrationMaxGap:0.000}: " + string.Join("; ", withIsotonic.Reliability.Select(d => $"{d.MeanPredicted:0.000}/{d.ObservedRate:0.000}")));
        var grid = Enumerable.Range(0, 1001).Select(i => isotonic.Apply(i / 1000f)).ToList();
        Assert.All(grid.Zip(grid.Skip(1)), p => Assert.True(p.Second >= p.First));

        static (List<float> Raw, List<bool> Labels) Draw(int n, int seed)
        {
            var rng = new Random(seed);
            var raw = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToList();
            return (raw, raw.Select(r => rng.NextDouble() < Truth(r)).ToList());
        }
    }
}
