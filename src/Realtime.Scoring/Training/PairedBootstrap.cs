namespace Realtime.Scoring.Training;

/// <summary>
/// Paired bootstrap of ROC AUC differences: resample the same customers for every scorer, so the interval says whether
/// "model beats baseline" survives the sample's noise.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>The 2.5th and 97.5th percentiles of AUC(a) − AUC(b) over <paramref name="rounds"/> resamples.</summary>
    public static (double Low, double High) AucDifference(IReadOnlyList<float> a, IReadOnlyList<float> b, IReadOnlyList<bool> labels, int rounds = 1000, int seed = 1) =>
        AucDifferences(a, new Dictionary<string, IReadOnlyList<float>>(StringComparer.Ordinal) { [""] = b }, labels, rounds, seed)[""];

    /// <summary>
    /// The same interval for <paramref name="model"/> against each of <paramref name="others"/>, all from one set of
    /// resamples (each round's model AUC is computed once).
    /// </summary>
    public static Dictionary<string, (double Low, double High)> AucDifferences(
        IReadOnlyList<float> model, IReadOnlyDictionary<string, IReadOnlyList<float>> others, IReadOnlyList<bool> labels, int rounds = 1000, int seed = 1)
    {
        var rng = new Random(seed);
        var n = labels.Count;
        var names = others.Keys.ToArray();
        var deltas = names.Select(_ => new double[rounds]).ToArray();
        var picks = new int[n];
        var (sample, sampledLabels) = (new float[n], new bool[n]);
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < n; i++)
            {
                picks[i] = rng.Next(n);
                sampledLabels[i] = labels[picks[i]];
                sample[i] = model[picks[i]];
            }

            var modelAuc = ChurnMetrics.RocAuc(sample, sampledLabels);
            for (var o = 0; o < names.Length; o++)
            {
                var scores = others[names[o]];
                for (var i = 0; i < n; i++)
                {
                    sample[i] = scores[picks[i]];
                }

                deltas[o][r] = modelAuc - ChurnMetrics.RocAuc(sample, sampledLabels);
            }
        }

        var intervals = new Dictionary<string, (double Low, double High)>(StringComparer.Ordinal);
        for (var o = 0; o < names.Length; o++)
        {
            Array.Sort(deltas[o]);
            intervals[names[o]] = (deltas[o][(int)(rounds * 0.025)], deltas[o][(int)(rounds * 0.975) - 1]);
        }

        return intervals;
    }
}
