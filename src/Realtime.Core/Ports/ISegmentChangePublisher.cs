using Realtime.Core.Lifecycle;


namespace Realtime.Core.Ports;

/// <summary>Publishes segment changes to <c>realtime.segments</c> (Kafka in production).</summary>
public interface ISegmentChangePublisher
{
    /// <summary>
    /// Publishes <paramref name="changes"/> keyed by customer and returns once the broker has acknowledged all of them
    /// (callers write state only after this, which makes publication at-least-once).
    /// </summary>
    Task PublishAsync(IReadOnlyList<SegmentChangeEvent> changes, CancellationToken cancellationToken);
}
