using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>Where customer states live (Redis in production). Batch-shaped so an adapter can pipeline.</summary>
public interface ICustomerStateStore
{
    /// <summary>Loads the states of <paramref name="customerIds"/> in one round trip; unknown customers are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="LoadAsync"/>, each state with its purchase history (<see cref="CustomerState.History"/>), in the
    /// same round trip: what ingest folds orders into. A store that keeps no separate history returns the states as they are.
    /// </summary>
    Task<IReadOnlyDictionary<string, CustomerState>> LoadWithHistoryAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        LoadAsync(customerIds, cancellationToken);

    /// <summary>
    /// Writes states in one round trip, each as a compare-and-set on its (<see cref="CustomerState.LastPartition"/>,
    /// <see cref="CustomerState.LastOffset"/>): a write whose position is not newer than the stored one is refused.
    /// Returns, per state, whether it was written.
    /// </summary>
    Task<bool[]> SaveAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="SaveAsync"/> (same compare-and-set, also storing <see cref="CustomerState.SegmentMask"/> and
    /// <see cref="CustomerState.CountedClv"/>), and reports for each state the segment mask its write replaced
    /// (0 for a new customer), or -1 when the write was refused. The replaced mask lets lifecycle bookkeeping notice a
    /// segment sweep that moved the customer between this batch's load and its write.
    /// </summary>
    Task<int[]> SaveReportingMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="SaveReportingMasksAsync(IReadOnlyList{CustomerState}, CancellationToken)"/>, for a write that may be
    /// retried: a state the same <paramref name="writerToken"/> already wrote at the same position (a first try whose
    /// reply was lost) reports <see cref="WrittenByThisWriter"/> instead of a refusal, so its bookkeeping is not skipped.
    /// </summary>
    Task<int[]> SaveReportingMasksAsync(IReadOnlyList<CustomerState> states, long writerToken, CancellationToken cancellationToken) =>
        SaveReportingMasksAsync(states, cancellationToken);

    /// <summary>The report of a state that this writer's earlier try already wrote.</summary>
    const int WrittenByThisWriter = -2;

    /// <summary>
    /// Writes only <see cref="CustomerState.SegmentMask"/> for each state, and only while the stored position still
    /// equals the state's (<see cref="CustomerState.LastPartition"/>, <see cref="CustomerState.LastOffset"/>): a time-driven
    /// segment change must not land on a state that ingest has moved on since it was read. Returns, per state, whether it was written.
    /// </summary>
    Task<bool[]> SaveSegmentMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored customer, in pages of about <paramref name="pageSize"/> states (a cursor scan: memory stays bounded
    /// whatever the number of customers; a customer written during the scan may be missed or seen twice).
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<CustomerState>> ScanAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>One customer's state, or null if never seen.</summary>
    Task<CustomerState?> GetAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Like <see cref="GetAsync"/>, with the purchase history (<see cref="CustomerState.History"/>), in the same round trip.</summary>
    Task<CustomerState?> GetWithHistoryAsync(string customerId, CancellationToken cancellationToken) => GetAsync(customerId, cancellationToken);

    /// <summary>Erases a customer's state; true if it existed.</summary>
    Task<bool> DeleteAsync(string customerId, CancellationToken cancellationToken);
}
