namespace Realtime.Scoring.Training;

/// <summary>
/// Metrics computed here rather than by ML.NET so models and the non-ML baselines are measured by the same code.
/// Positive class = churned.
/// </summary>
public static class ChurnMetrics
{
    private const double Epsilon = 1e-7;

    public static BinaryMetrics Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        if (scores.Count != churned.Count)
        {
            throw new ArgumentException("one score per label");
        }

        var n = scores.Count;
        var positives = churned.Count(c => c);
        if (n == 0)
        {
            return new BinaryMetrics();
        }

        // Descending by score; ties resolved by grouping so neither ranking metric depends on input order.
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var p = Math.Clamp(scores[i], Epsilon, 1 - Epsilon);
            var y = churned[i] ? 1.0 : 0.0;
            logLoss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
            brier += (p - y) * (p - y);
        }

        var top = Math.Max(1, (int)Math.Round(n * 0.1));
        var topPositives = order.Take(top).Count(i => churned[i]);
        var baseRate = positives / (double)n;
        var reliability = Reliability(order, scores, churned);
        return new BinaryMetrics
        {
            Count = n,
            BaseRate = baseRate,
            RocAuc = RocAuc(order, scores, churned, positives),
            PrAuc = AveragePrecision(order, scores, churned, positives),
            LogLoss = logLoss / n,
            Brier = brier / n,
            TopDecileLift = baseRate == 0 ? 0 : topPositives / (double)top / baseRate,
            TopDecileRecall = positives == 0 ? 0 : topPositives / (double)positives,
            Calibration = Calibration(scores, churned),
            Reliability = reliability,
            CalibrationMaxGap = reliability.Count == 0 ? 0 : reliability.Max(d => d.Gap),
        };
    }

    /// <summary>ROC AUC alone (ties counted half), for loops that need nothing else (bootstrap rounds, tree-count choice).</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        var keys = new float[scores.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        return RocAuc(order, scores, churned, churned.Count(c => c));
    }

    private static double RocAuc(int[] order, IReadOnlyList<float> scores, IReadOnlyList<bool> churned, int positives)
    {
        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        // Walk groups of equal score from the top: each negative is outranked by every positive above its group and,
        // counted half, by the positives tied with it (the Mann-Whitney statistic).
        double sum = 0;
        var positivesAbove = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            int groupPos = 0, groupNeg = 0;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (churned[order[j]]) { groupPos++; } else { groupNeg++; }
                j++;
            }

            sum += groupNeg * (positivesAbove + (groupPos / 2.0));
            positivesAbove += groupPos;
            i = j;
        }

        return sum / ((double)positives * negatives);
    }

    private static double AveragePrecision(int[] order, IReadOnlyList<float> scores, IReadOnlyList<bool> churned, int positives)
    {
        if (positives == 0)
        {
            return 0;
        }

        // Step-wise average precision over distinct thresholds (sklearn's definition): Σ (R_k − R_{k−1}) · P_k.
        double ap = 0, previousRecall = 0;
        var truePositives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                truePositives += churned[order[j]] ? 1 : 0;
                j++;
            }

            var recall = truePositives / (double)positives;
            ap += (recall - previousRecall) * (truePositives / (double)j);
            previousRecall = recall;
            i = j;
        }

        return ap;
    }

    /// <summary>Deciles of the ascending score order (sizes differ by at most one); fewer when there are under ten examples.</summary>
    private static List<ReliabilityDecile> Reliability(int[] descending, IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        var n = descending.Length;
        var deciles = new List<ReliabilityDecile>();
        for (var d = 0; d < 10; d++)
        {
            var (from, to) = (d * n / 10, (d + 1) * n / 10);
            if (to <= from)
            {
                continue;
            }

            double predicted = 0;
            var observed = 0;
            for (var k = from; k < to; k++)
            {
                var i = descending[n - 1 - k];
                predicted += scores[i];
                observed += churned[i] ? 1 : 0;
            }

            deciles.Add(new ReliabilityDecile(d + 1, to - from, predicted / (to - from), observed / (double)(to - from)));
        }

        return deciles;
    }

    private static List<CalibrationBin> Calibration(IReadOnlyList<float> scores, IReadOnlyList<bool> churned)
    {
        const int Bins = 10;
        var count = new int[Bins];
        var predicted = new double[Bins];
        var observed = new int[Bins];
        for (var i = 0; i < scores.Count; i++)
        {
            var bin = Math.Clamp((int)(scores[i] * Bins), 0, Bins - 1);
            count[bin]++;
            predicted[bin] += scores[i];
            observed[bin] += churned[i] ? 1 : 0;
        }

        return Enumerable.Range(0, Bins)
            .Select(b => new CalibrationBin(b / 10.0, (b + 1) / 10.0, count[b], count[b] == 0 ? 0 : predicted[b] / count[b], count[b] == 0 ? 0 : observed[b] / (double)count[b]))
            .ToList();
    }
}
