namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// Picks TIFU-KNN's α and k on a validation set (never the test window): the paper's defaults and a small grid
/// around them, each replayed point-in-time like the harness, best NDCG@10 wins (the defaults on a tie). The decays
/// and the group count stay the paper's: a grid over five parameters on ~1,000 validation baskets would fit noise.
/// </summary>
internal static class TifuKnnTuning
{
    private static readonly double[] s_alphas = [0.7, 0.5, 0.9];
    private static readonly int[] s_neighbours = [300, 100];

    /// <summary>The candidates, the paper's defaults first.</summary>
    public static IReadOnlyList<TifuKnnParameters> Grid { get; } =
        [.. s_neighbours.SelectMany(k => s_alphas.Select(a => new TifuKnnParameters(Neighbours: k, Alpha: a)))];

    /// <summary>The best candidate on <paramref name="validation"/>, with its validation NDCG@10.</summary>
    public static (TifuKnnParameters Best, double ValidationNdcg) Tune(RecsDataset validation)
    {
        // The grid varies only α and k, so one model (one set of customer vectors) and one neighbour search per
        // question serve every candidate.
        var model = new TifuKnn(Grid[0]);
        var neighbourCounts = Grid.Select(p => p.Neighbours).ToList();
        var candidates = Grid.Select(p => (Parameters: p, Metrics: new RankingMetrics())).ToList();
        var popularity = new DecayedPopularity();
        var seen = new SeenProducts(validation.ExcludeSeen);
        for (var i = 0; i < validation.Events.Count; i++)
        {
            var e = validation.Events[i];
            if (validation.Targets.TryGetValue(i, out var relevant))
            {
                var exclusions = seen.Exclusions(e.CustomerId);
                var fill = popularity.Top(RecsHarness.ListLength, exclusions);
                var means = model.NeighbourMeans(e.CustomerId, neighbourCounts);
                for (var c = 0; c < candidates.Count; c++)
                {
                    var (parameters, metrics) = candidates[c];
                    metrics.Add(model.Recommend(e.CustomerId, means?[c], parameters.Alpha, exclusions, fill, RecsHarness.ListLength), relevant);
                }
            }

            popularity.Observe(e);
            seen.Observe(e);
            model.Observe(e);
        }

        var best = candidates[0];
        foreach (var candidate in candidates)
        {
            best = candidate.Metrics.Ndcg > best.Metrics.Ndcg ? candidate : best;
        }

        return (best.Parameters, best.Metrics.Ndcg);
    }
}
