namespace Realtime.Evaluation.Recs;

/// <summary>HitRate@10, NDCG@10 (binary relevance, ideal = min(hits, 10)), MRR over the returned list (≤ 100), coverage of top-10 lists.</summary>
internal sealed class RankingMetrics
{
    private const int K = 10;
    private readonly HashSet<string> _covered = new(StringComparer.Ordinal);
    private double _hits;
    private double _ndcg;
    private double _reciprocalRanks;

    public int Cases { get; private set; }

    public double HitRate => Cases == 0 ? 0 : _hits / Cases;

    public double Ndcg => Cases == 0 ? 0 : _ndcg / Cases;

    public double Mrr => Cases == 0 ? 0 : _reciprocalRanks / Cases;

    public double Coverage(int catalogueSize) => catalogueSize == 0 ? 0 : _covered.Count / (double)catalogueSize;

    public void Add(IReadOnlyList<string> ranked, string[] relevant)
    {
        Cases++;
        double dcg = 0;
        var first = -1;
        for (var r = 0; r < ranked.Count; r++)
        {
            if (r < K)
            {
                _covered.Add(ranked[r]);
            }

            if (Array.IndexOf(relevant, ranked[r]) < 0)
            {
                continue;
            }

            first = first < 0 ? r : first;
            if (r < K)
            {
                dcg += 1 / Math.Log2(r + 2);
            }
        }

        double ideal = 0;
        for (var r = 0; r < Math.Min(relevant.Length, K); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }

        _hits += first is >= 0 and < K ? 1 : 0;
        _ndcg += ideal > 0 ? dcg / ideal : 0;
        _reciprocalRanks += first >= 0 ? 1.0 / (first + 1) : 0;
    }
}
