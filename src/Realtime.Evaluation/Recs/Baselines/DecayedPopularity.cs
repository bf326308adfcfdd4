using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// The baselines' own fill list, independent of the engine's item statistics: ordered lines of every customer
/// (guests included), each weighing 1, halving every <see cref="HalfLifeDays"/> days. A weight added at t is kept as
/// 2^((t − t₀)/h), so sums decay without rewriting (t₀ = the first event seen; a 9-month log is 2^39, far from overflow).
/// </summary>
internal sealed class DecayedPopularity
{
    /// <summary>The half-life of a purchase's weight: a week, like the engine's trending list.</summary>
    public const double HalfLifeDays = 7;

    private readonly Dictionary<string, double> _scaled = new(StringComparer.Ordinal);
    private DateTimeOffset? _epoch;

    public void Observe(CustomerEvent e)
    {
        if (e.Type != EventType.OrderPlaced)
        {
            return;
        }

        _epoch ??= e.OccurredAt;
        var weight = Math.Pow(2, (e.OccurredAt - _epoch.Value).TotalDays / HalfLifeDays);
        foreach (var product in e.Lines.Select(l => l.ProductId).Distinct(StringComparer.Ordinal))
        {
            _scaled[product] = _scaled.GetValueOrDefault(product) + weight;
        }
    }

    /// <summary>The <paramref name="count"/> most popular products, best first (ties by id), skipping <paramref name="exclude"/>.</summary>
    public List<string> Top(int count, IReadOnlySet<string> exclude)
    {
        var heap = new PriorityQueue<string, (double Score, string Id)>(count + 1, WorstFirst.Instance);
        foreach (var (product, score) in _scaled)
        {
            if (exclude.Contains(product))
            {
                continue;
            }

            heap.Enqueue(product, (score, product));
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }

        var top = new List<string>(heap.Count);
        while (heap.Count > 0)
        {
            top.Add(heap.Dequeue());
        }

        top.Reverse();
        return top;
    }

    /// <summary>Lower score first; on equal scores the larger id first, so the kept list is ordered by id.</summary>
    private sealed class WorstFirst : IComparer<(double Score, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, string Id) x, (double Score, string Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
