namespace Realtime.Core.Recommendations;

/// <summary>Top-N selection over a score table with a bounded heap: O(m log n), no full sort of m entries.</summary>
internal static class TopN
{
    /// <summary>The <paramref name="n"/> best entries, best first, each score multiplied by <paramref name="factor"/>; ties by id.</summary>
    public static List<ScoredItem> Select(Dictionary<string, double> scores, int n, double factor)
    {
        var result = new List<ScoredItem>(Math.Min(n, scores.Count));
        if (n <= 0 || scores.Count == 0)
        {
            return result;
        }

        var heap = new PriorityQueue<ScoredItem, ScoredItem>(n + 1, WorstFirst.Instance);
        foreach (var (id, score) in scores)
        {
            var entry = new ScoredItem(id, score);
            if (heap.Count < n)
            {
                heap.Enqueue(entry, entry);
            }
            else if (WorstFirst.Instance.Compare(entry, heap.Peek()) > 0)
            {
                heap.EnqueueDequeue(entry, entry);
            }
        }

        while (heap.Count > 0)
        {
            var e = heap.Dequeue();
            result.Add(e with { Score = e.Score * factor });
        }

        result.Reverse();
        return result;
    }

    /// <summary>Orders worse entries first: lower score, then (for determinism) the larger id.</summary>
    private sealed class WorstFirst : IComparer<ScoredItem>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(ScoredItem x, ScoredItem y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.ProductId, x.ProductId);
        }
    }
}
