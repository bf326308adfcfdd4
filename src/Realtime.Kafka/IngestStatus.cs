namespace Realtime.Kafka;

/// <summary>What this process's ingest worker is doing: its partitions and progress (for operators, health and tests).</summary>
public sealed class IngestStatus
{
    private int[] _partitions = [];
    private long _batches;
    private long _events;
    private long _progressAt = Environment.TickCount64;
    private volatile bool _stalled;
    private long _lag;

    /// <summary>Partitions currently assigned to this member.</summary>
    public IReadOnlyList<int> AssignedPartitions => Volatile.Read(ref _partitions);

    /// <summary>Batches committed since start.</summary>
    public long CommittedBatches => Interlocked.Read(ref _batches);

    /// <summary>Events in committed batches since start.</summary>
    public long CommittedEvents => Interlocked.Read(ref _events);

    /// <summary>Every partition this member has owned since start.</summary>
    public HashSet<int> EverAssigned { get; } = [];

    /// <summary>True while no progress was made for <see cref="IngestOptions.StallAfter"/> with events waiting.</summary>
    public bool IsStalled => _stalled;

    /// <summary>Events waiting on the assigned partitions, as last read from the broker.</summary>
    public long Lag => Interlocked.Read(ref _lag);

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

    /// <summary>A batch (or a part of one) went through, or there was nothing to do.</summary>
    internal void Progressed() => Interlocked.Exchange(ref _progressAt, Environment.TickCount64);

    // Measured on the monotonic tick count, not the injected clock: a test clock standing still must not hide a stall.
    internal TimeSpan SinceProgress() => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _progressAt));

    internal void SetStalled(bool stalled, long lag)
    {
        _stalled = stalled;
        Interlocked.Exchange(ref _lag, lag);
    }
}
