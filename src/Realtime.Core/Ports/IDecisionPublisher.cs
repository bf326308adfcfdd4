using Realtime.Core.Offers;

namespace Realtime.Core.Ports;

/// <summary>The decision log: every offer decision, for analytics, audits and downstream systems.</summary>
public interface IDecisionPublisher
{
    /// <summary>
    /// Queues the decision for publication and returns without waiting for the broker (the request path must not
    /// wait on it). Delivery failures are logged and counted by the adapter.
    /// </summary>
    void Publish(PublishedDecision decision);
}
