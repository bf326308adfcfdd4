using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// The classic item-kNN baseline: cosine similarity between items over the sets of customers who interacted with
/// them (orders and views; each customer counts once per item), updated incrementally as events replay, and a
/// customer's score for j = Σ over their items i of cos(i, j). Dense counts: fine for a few thousand products.
/// </summary>
internal sealed class ItemKnnBaseline
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly string[] _ids;
    private readonly float[] _co;
    private readonly int[] _users;
    private readonly double[] _scores;
    private readonly Dictionary<string, List<int>> _history = new(StringComparer.Ordinal);
    private readonly int _n;

    public ItemKnnBaseline(IReadOnlyCollection<string> products)
    {
        _n = products.Count;
        _ids = [.. products];
        for (var i = 0; i < _n; i++)
        {
            _index[_ids[i]] = i;
        }

        _co = new float[(long)_n * _n];
        _users = new int[_n];
        _scores = new double[_n];
    }

    public void Observe(CustomerEvent e)
    {
        if (e.Type == EventType.ProductViewed)
        {
            Interact(e.CustomerId, e.ProductId!);
        }
        else if (e.Type == EventType.OrderPlaced)
        {
            foreach (var line in e.Lines)
            {
                Interact(e.CustomerId, line.ProductId);
            }
        }
    }

    /// <summary>Top <paramref name="k"/> for the customer, best first, skipping <paramref name="exclude"/>.</summary>
    public List<string> Recommend(string customerId, IReadOnlySet<string> exclude, int k)
    {
        var result = new List<string>(k);
        if (!_history.TryGetValue(customerId, out var items))
        {
            return result;
        }

        Array.Clear(_scores);
        foreach (var i in items)
        {
            var scale = 1 / Math.Sqrt(_users[i]);
            var row = _co.AsSpan((int)((long)i * _n), _n);
            for (var j = 0; j < _n; j++)
            {
                _scores[j] += row[j] * scale;
            }
        }

        var heap = new PriorityQueue<int, double>(k + 1);
        for (var j = 0; j < _n; j++)
        {
            if (_scores[j] <= 0 || exclude.Contains(_ids[j]))
            {
                continue;
            }

            var s = _scores[j] / Math.Sqrt(_users[j]);
            if (heap.Count < k)
            {
                heap.Enqueue(j, s);
            }
            else if (heap.TryPeek(out _, out var worst) && s > worst)
            {
                heap.EnqueueDequeue(j, s);
            }
        }

        while (heap.Count > 0)
        {
            result.Add(_ids[heap.Dequeue()]);
        }

        result.Reverse();
        return result;
    }

    private void Interact(string customerId, string productId)
    {
        if (!_index.TryGetValue(productId, out var j))
        {
            return;
        }

        if (!_history.TryGetValue(customerId, out var items))
        {
            _history[customerId] = items = [];
        }

        if (items.Contains(j))
        {
            return;
        }

        foreach (var i in items)
        {
            _co[((long)i * _n) + j]++;
            _co[((long)j * _n) + i]++;
        }

        items.Add(j);
        _users[j]++;
    }
}
