using Realtime.Core.Privacy;

namespace Realtime.Core.Ports;

/// <summary>Propagates an erasure downstream (Kafka <c>realtime.segments</c> in production).</summary>
public interface IErasurePublisher
{
    /// <summary>
    /// Publishes the <c>customer_forgotten</c> record, then a tombstone (null value) for the customer's key, and returns
    /// once the broker acknowledged both.
    /// </summary>
    Task PublishAsync(CustomerForgotten record, CancellationToken cancellationToken);
}
