using System.Runtime.InteropServices;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Reusable per-thread buffers for <see cref="RecommendationRanker"/>, so a request allocates little more than its
/// result list.
/// </summary>
internal sealed class RankScratch
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Candidate slots as a binary heap, best on top (<see cref="BuildHeap"/>, <see cref="TryPopBest"/>).</summary>
    private int[] _heap = new int[256];
    private int _heapSize;
    private double[] _similarities = new double[128];

    public Candidate[] Items { get; private set; } = new Candidate[256];

    public int Count { get; private set; }

    public List<(string Id, double Weight)> Seeds { get; } = [];

    public List<(string Category, double Weight)> Categories { get; } = [];

    public HashSet<string> Excluded { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> PerCategory { get; } = new(StringComparer.Ordinal);

    public void Reset()
    {
        _index.Clear();
        Array.Clear(Items, 0, Count);
        Count = 0;
        Seeds.Clear();
        Categories.Clear();
        Excluded.Clear();
        PerCategory.Clear();
    }

    public bool TryGet(string id, out int slot) => _index.TryGetValue(id, out slot);

    /// <summary>The slot of <paramref name="id"/>, created on first sight.</summary>
    public ref Candidate Get(string id)
    {
        // One hash lookup for a product seen before and for a new one (TryGetValue then an insert hashed new ids twice).
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var seen);
        if (seen)
        {
            return ref Items[slot];
        }

        if (Count == Items.Length)
        {
            var grown = new Candidate[Items.Length * 2];
            Array.Copy(Items, grown, Count);
            Items = grown;
            _heap = new int[grown.Length];
        }

        slot = Count++;
        Items[slot] = new Candidate { Id = id };
        return ref Items[slot];
    }

    /// <summary>A buffer of at least <paramref name="length"/> similarities, valid until the next call.</summary>
    public double[] SimilarityBuffer(int length)
    {
        if (_similarities.Length < length)
        {
            _similarities = new double[Math.Max(length, _similarities.Length * 2)];
        }

        return _similarities;
    }

    /// <summary>Heaps every candidate slot in O(n); <see cref="TryPopBest"/> then yields them best first.</summary>
    public void BuildHeap()
    {
        _heapSize = Count;
        for (var i = 0; i < Count; i++)
        {
            _heap[i] = i;
        }

        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>The best remaining slot: highest score, equal scores by product id, so replicas agree.</summary>
    public bool TryPopBest(out int slot)
    {
        if (_heapSize == 0)
        {
            slot = -1;
            return false;
        }

        slot = _heap[0];
        _heap[0] = _heap[--_heapSize];
        SiftDown(0);
        return true;
    }

    private void SiftDown(int i)
    {
        var heap = _heap;
        while (true)
        {
            var best = i;
            var left = (2 * i) + 1;
            if (left < _heapSize && Better(heap[left], heap[best]))
            {
                best = left;
            }

            if (left + 1 < _heapSize && Better(heap[left + 1], heap[best]))
            {
                best = left + 1;
            }

            if (best == i)
            {
                return;
            }

            (heap[i], heap[best]) = (heap[best], heap[i]);
            i = best;
        }
    }

    private bool Better(int a, int b)
    {
        var (x, y) = (Items[a].Score, Items[b].Score);
        return x > y || (x == y && string.CompareOrdinal(Items[a].Id, Items[b].Id) < 0);
    }
}
