namespace Realtime.Core.Ports;

/// <summary>
/// What a state store holds for a customer besides the state itself: enough to tell whether a state kept in memory is
/// still the stored one, at a fraction of a full load's bytes and decoding. Implemented by stores that can read it apart.
/// </summary>
public interface IStoredPositions
{
    /// <summary>Reads, in one round trip, the stored (partition, offset, segment mask) per customer; absent customers are left out.</summary>
    Task<IReadOnlyDictionary<string, StoredPosition>> ReadPositionsAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken);
}

/// <summary>The last applied (partition, offset) of a stored state and its published segment mask.</summary>
public readonly record struct StoredPosition(int Partition, long Offset, int SegmentMask);
