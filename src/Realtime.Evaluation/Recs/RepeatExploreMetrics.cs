namespace Realtime.Evaluation.Recs;

/// <summary>
/// The repeat/explore split of Li et al. 2023 ("A Next Basket Recommendation Reality Check"): the same ranking metrics
/// on the test items the customer had bought before the question (repeat) and on those they never bought (explore),
/// each over the test points that have such items; and the share of the top-10 that are repeats.
/// </summary>
internal sealed class RepeatExploreMetrics
{
    private const int K = 10;
    private double _repeatShares;
    private int _lists;

    public RankingMetrics Repeat { get; } = new();

    public RankingMetrics Explore { get; } = new();

    /// <summary>Mean over test points of the share of the top-10 list the customer had bought before.</summary>
    public double RepeatShare => _lists == 0 ? 0 : _repeatShares / _lists;

    public void Add(IReadOnlyList<string> ranked, string[] relevant, IReadOnlySet<string> bought)
    {
        var repeat = Array.FindAll(relevant, bought.Contains);
        var explore = Array.FindAll(relevant, p => !bought.Contains(p));
        if (repeat.Length > 0)
        {
            Repeat.Add(ranked, repeat);
        }

        if (explore.Length > 0)
        {
            Explore.Add(ranked, explore);
        }

        var top = Math.Min(K, ranked.Count);
        if (top > 0)
        {
            var repeats = 0;
            for (var r = 0; r < top; r++)
            {
                repeats += bought.Contains(ranked[r]) ? 1 : 0;
            }

            _repeatShares += repeats / (double)top;
            _lists++;
        }
    }
}
