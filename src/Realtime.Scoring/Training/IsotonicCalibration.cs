namespace Realtime.Scoring.Training;

/// <summary>
/// Isotonic regression of the observed churn rate on the forest's raw probability (pool adjacent violators), fitted on
/// the validation part: the calibration to use when Platt's two parameters leave a decile gap (a sigmoid cannot bend
/// where the forest is miscalibrated only at one end). Applied by linear interpolation between the fitted blocks'
/// (mean score, rate) points, so it is monotone and, inside the fitted range, keeps most of the ranking (a step
/// function would tie every customer of a block); beyond the range it holds the end rates.
/// </summary>
/// <param name="Scores">The blocks' mean raw scores, increasing.</param>
/// <param name="Rates">The blocks' observed churn rates, non-decreasing.</param>
public sealed record IsotonicCalibration(IReadOnlyList<float> Scores, IReadOnlyList<float> Rates)
{
    /// <summary>Fits the blocks; a tiny prior (half an example at the overall rate per block) keeps end blocks off exact 0 and 1.</summary>
    public static IsotonicCalibration Fit(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var overall = churned.Count == 0 ? 0.5 : churned.Count(c => c) / (double)churned.Count;
        var (sum, hits, count) = (new List<double>(), new List<double>(), new List<double>());
        double Rate(int block) => (hits[block] + (0.5 * overall)) / (count[block] + 0.5);
        foreach (var i in order)
        {
            sum.Add(scores[i]);
            hits.Add(churned[i] ? 1 : 0);
            count.Add(1);
            // Pool while the last block's rate (with the prior, the value served) is below the one before it.
            while (hits.Count > 1 && Rate(hits.Count - 1) < Rate(hits.Count - 2))
            {
                sum[^2] += sum[^1];
                hits[^2] += hits[^1];
                count[^2] += count[^1];
                sum.RemoveAt(sum.Count - 1);
                hits.RemoveAt(hits.Count - 1);
                count.RemoveAt(count.Count - 1);
            }
        }

        var points = Enumerable.Range(0, sum.Count).Select(b => ((float)(sum[b] / count[b]), (float)Rate(b))).ToList();
        return new IsotonicCalibration(points.Select(p => p.Item1).ToList(), points.Select(p => p.Item2).ToList());
    }

    /// <summary>The calibrated probability of a raw score.</summary>
    public float Apply(float score)
    {
        if (Scores.Count == 0)
        {
            return score;
        }

        if (score <= Scores[0])
        {
            return Rates[0];
        }

        if (score >= Scores[^1])
        {
            return Rates[^1];
        }

        var (low, high) = (0, Scores.Count - 1);
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            (low, high) = Scores[middle] <= score ? (middle, high) : (low, middle);
        }

        var span = Scores[high] - Scores[low];
        return span <= 0 ? Rates[high] : Rates[low] + ((Rates[high] - Rates[low]) * (score - Scores[low]) / span);
    }
}
