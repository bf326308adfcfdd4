using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>Where customer states live (Redis in production). Batch-shaped so an adapter can pipeline.</summary>
public interface ICustomerStateStore
{
    /// <summary>Loads the states of <paramref name="customerIds"/> in one round trip; unknown customers are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes states in one round trip, each as a compare-and-set on its (<see cref="CustomerState.LastPartition"/>,
    /// <see cref="CustomerState.LastOffset"/>): a write whose position is not newer than the stored one is refused.
    /// Returns, per state, whether it was written.
    /// </summary>
    Task<bool[]> SaveAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken);

    /// <summary>One customer's state, or null if never seen.</summary>
    Task<CustomerState?> GetAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Erases a customer's state; true if it existed.</summary>
    Task<bool> DeleteAsync(string customerId, CancellationToken cancellationToken);
}
