using Realtime.Core.State;

namespace Realtime.Kafka;

/// <summary>
/// The decoded states of the customers on this worker's partitions, as the store held them after this worker's own
/// accepted writes (Kafka Streams' local store, with Redis as the durable, shared copy). A hit is never trusted blind:
/// the batch reads the stored (partition, offset, mask) beside its watermark read and reloads a customer whose stored
/// position differs (another writer, an erasure, a sweep, a store that went backwards), so a hit only saves moving and
/// decoding the state. Filled lazily from loads and accepted writes; entries of revoked or lost partitions are dropped,
/// and a refused compare-and-set drops its customer. Bounded: two generations of at most half the capacity each, the
/// older one dropped whole when the newer fills (least-recently-used, roughly). States held here are never modified:
/// the fold copies before it applies.
/// </summary>
/// <remarks>Used by the batch task and, for revocations, by the consumer thread: every call takes the lock.</remarks>
internal sealed class OwnedStateCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private Dictionary<string, CustomerState> _current = new(StringComparer.Ordinal);
    private Dictionary<string, CustomerState> _previous = new(StringComparer.Ordinal);

    public bool Enabled => capacity > 0;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>Splits <paramref name="ids"/> into the states held here and the ids to load.</summary>
    public (Dictionary<string, CustomerState> Held, List<string> Missing) Lookup(IReadOnlyList<string> ids)
    {
        var held = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var missing = new List<string>();
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (Enabled && TryGet(id, out var state))
                {
                    held[id] = state;
                }
                else
                {
                    missing.Add(id);
                }
            }
        }

        return (held, missing);
    }

    /// <summary>Keeps states known to equal the stored ones (loaded, or written and accepted).</summary>
    public void Put(IEnumerable<CustomerState> states)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var s in states)
            {
                _previous.Remove(s.CustomerId);
                Set(s);
            }
        }
    }

    /// <summary>Forgets customers whose stored state is not (or may not be) what is held here.</summary>
    public void Remove(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _current.Remove(id);
                _previous.Remove(id);
            }
        }
    }

    /// <summary>Forgets the customers last written from these partitions (revoked or lost: another worker owns them now).</summary>
    public void Drop(IReadOnlySet<int> partitions)
    {
        lock (_gate)
        {
            Drop(_current, partitions);
            Drop(_previous, partitions);
        }
    }

    /// <summary>Forgets everything (the store went backwards).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _current.Clear();
            _previous.Clear();
        }
    }

    private static void Drop(Dictionary<string, CustomerState> generation, IReadOnlySet<int> partitions)
    {
        foreach (var (id, state) in generation)
        {
            if (partitions.Contains(state.LastPartition))
            {
                generation.Remove(id); // removing the current entry while enumerating is allowed for Dictionary
            }
        }
    }

    private bool TryGet(string id, out CustomerState state)
    {
        if (_current.TryGetValue(id, out state!))
        {
            return true;
        }

        if (_previous.Remove(id, out state!))
        {
            Set(state); // used again: promote it out of the generation dropped next
            return true;
        }

        return false;
    }

    private void Set(CustomerState state)
    {
        if (_current.Count >= _generationSize && !_current.ContainsKey(state.CustomerId))
        {
            _previous = _current;
            _current = new Dictionary<string, CustomerState>(_generationSize, StringComparer.Ordinal);
        }

        _current[state.CustomerId] = state;
    }
}
