namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>
/// Scores a buyer 1–5 on each RFM dimension against the current population: score = 1 + ⌊5 × share of buyers
/// strictly below⌋, capped at 5 ("beats x% of customers"). Ties never split: equal values always get the same score,
/// and the most common lowest value (one order, in most stores) scores 1.
/// </summary>
public static class RfmScorer
{
    /// <summary>
    /// The scores of <paramref name="metrics"/>. Recency ranks the last-order day: a later day beats an earlier one.
    /// Ranking absolute days gives the same order as ranking "days since the last order" at any <c>now</c>,
    /// so the score reflects the present without rewriting the histogram as days pass.
    /// </summary>
    public static RfmScores Score(RfmMetrics metrics, RfmHistograms histograms) =>
        new(
            ScoreOf(histograms.Recency.ShareBelow(metrics.LastOrderDay)),
            ScoreOf(histograms.Frequency.ShareBelow(metrics.FrequencyBucket)),
            ScoreOf(histograms.Monetary.ShareBelow(metrics.MonetaryBucket)));

    /// <summary>Score 1–5 from the share of the population strictly below.</summary>
    public static int ScoreOf(double shareBelow) => Math.Clamp(1 + (int)Math.Floor(5 * shareBelow), 1, 5);

    /// <summary>
    /// Recency quintile edges in days since the last order at <paramref name="now"/>, most recent first
    /// (for the profile and insights APIs); empty without buyers.
    /// </summary>
    public static IReadOnlyList<double> RecencyEdgesInDays(RfmHistogram recency, DateTimeOffset now)
    {
        var edges = new List<double>(4);
        foreach (var p in new[] { 0.8, 0.6, 0.4, 0.2 })
        {
            if (recency.Quantile(p) is { } day)
            {
                edges.Add(Math.Max(0, (now - RfmBuckets.DayStart(day)).TotalDays));
            }
        }

        return edges;
    }
}
