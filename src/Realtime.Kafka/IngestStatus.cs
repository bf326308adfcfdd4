namespace Realtime.Kafka;

/// <summary>What this process's ingest worker is doing: its partitions and progress (for operators and tests).</summary>
public sealed class IngestStatus
{
    private int[] _partitions = [];
    private long _batches;
    private long _events;

    /// <summary>Partitions currently assigned to this member.</summary>
    public IReadOnlyList<int> AssignedPartitions => Volatile.Read(ref _partitions);

    /// <summary>Batches committed since start.</summary>
    public long CommittedBatches => Interlocked.Read(ref _batches);

    /// <summary>Events in committed batches since start.</summary>
    public long CommittedEvents => Interlocked.Read(ref _events);

    /// <summary>Every partition this member has owned since start.</summary>
    public HashSet<int> EverAssigned { get; } = [];

    internal void Assigned(IEnumerable<int> partitions)
    {
        lock (EverAssigned)
        {
            var now = _partitions.Union(partitions).Order().ToArray();
            EverAssigned.UnionWith(now);
            Volatile.Write(ref _partitions, now);
        }
    }

    internal void Revoked(IEnumerable<int> partitions)
    {
        lock (EverAssigned)
        {
            Volatile.Write(ref _partitions, _partitions.Except(partitions).ToArray());
        }
    }

    internal void Committed(int events)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, events);
    }
}
