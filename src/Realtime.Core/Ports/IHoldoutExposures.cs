using Realtime.Core.Offers;

namespace Realtime.Core.Ports;

/// <summary>
/// Each holdout customer's last counted exposure (<see cref="HoldoutExposure"/>), kept for the attribution window:
/// unlike a shown offer, a withheld one leaves no trace in the customer's state.
/// </summary>
public interface IHoldoutExposures
{
    /// <summary>The exposures of <paramref name="customerIds"/> in one round trip; customers without one are absent.</summary>
    Task<IReadOnlyDictionary<string, HoldoutExposure>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);

    /// <summary>Stores a customer's exposure, expiring after <paramref name="keepFor"/>.</summary>
    Task SaveAsync(string customerId, HoldoutExposure exposure, TimeSpan keepFor, CancellationToken cancellationToken);
}
