namespace Realtime.Scoring.Training;

/// <summary>
/// Paired bootstrap of an ROC AUC difference: resample the same customers for both scorers, so the interval says whether
/// "model beats baseline" survives the holdout's sampling noise.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>The 2.5th and 97.5th percentiles of AUC(a) − AUC(b) over <paramref name="rounds"/> resamples.</summary>
    public static (double Low, double High) AucDifference(IReadOnlyList<float> a, IReadOnlyList<float> b, IReadOnlyList<bool> labels, int rounds = 1000, int seed = 1)
    {
        var rng = new Random(seed);
        var n = labels.Count;
        var deltas = new double[rounds];
        var (sa, sb, sl) = (new float[n], new float[n], new bool[n]);
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var k = rng.Next(n);
                (sa[i], sb[i], sl[i]) = (a[k], b[k], labels[k]);
            }

            deltas[r] = ChurnMetrics.Compute(sa, sl).RocAuc - ChurnMetrics.Compute(sb, sl).RocAuc;
        }

        Array.Sort(deltas);
        return (deltas[(int)(rounds * 0.025)], deltas[(int)(rounds * 0.975) - 1]);
    }
}
