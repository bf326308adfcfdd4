namespace Realtime.Core.Ports;

/// <summary>
/// Per source partition, the log offset up to which the state store holds every applied event (the next offset to
/// apply). Written with each batch's states, after them, so a store that comes back older than it was (a Redis
/// restarted from an AOF missing its last second, a lagging replica promoted) also comes back with an older
/// watermark: ingest compares it with where it is about to read and seeks back to what the store really holds.
/// </summary>
public interface IAppliedWatermarks
{
    /// <summary>The stored watermark of each of <paramref name="partitions"/> of <paramref name="topic"/>; absent when none was ever written.</summary>
    Task<IReadOnlyDictionary<int, long>> ReadAsync(string topic, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Advances each partition's watermark to <see cref="AppliedRange.Next"/>, unless the stored one is behind the
    /// range's <see cref="AppliedRange.First"/>: then the store lost applied events (it went backwards) and the
    /// watermark is left as it is and reported, so the caller re-reads from there.
    /// </summary>
    Task<IReadOnlyList<WatermarkRegression>> AdvanceAsync(string topic, IReadOnlyList<AppliedRange> ranges, CancellationToken cancellationToken);
}

/// <summary>A batch's records of one partition: offsets <see cref="First"/> to <see cref="Next"/> − 1.</summary>
public readonly record struct AppliedRange(int Partition, long First, long Next);

/// <summary>A partition whose stored watermark (<see cref="Held"/>) is behind what was already read and applied.</summary>
public readonly record struct WatermarkRegression(int Partition, long Held);
