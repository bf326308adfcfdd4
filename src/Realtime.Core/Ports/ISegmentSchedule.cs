using Realtime.Core.Lifecycle;


namespace Realtime.Core.Ports;

/// <summary>
/// The due index: when time alone will next change each customer's segments (a Redis sorted set in production).
/// </summary>
public interface ISegmentSchedule
{
    /// <summary>Sets each customer's next due time, or removes it when <see cref="SegmentDue.At"/> is null; one round trip.</summary>
    Task ScheduleAsync(IReadOnlyList<SegmentDue> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes up to <paramref name="max"/> customers due at or before <paramref name="now"/> and pushes their
    /// due time to <paramref name="now"/> + <paramref name="lease"/>, so concurrent sweepers never take the same customer
    /// and a sweeper that dies mid-way only delays its customers by the lease.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);
}
