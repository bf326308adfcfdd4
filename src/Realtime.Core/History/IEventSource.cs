using Realtime.Core.Events;

namespace Realtime.Core.History;

/// <summary>
/// A replayable history of store events: JSON-lines files, CSV transaction logs, the CDNOW log, or a Kafka topic read
/// from the beginning. The training-set builder consumes any of them the same way. Events may come in any order
/// (the builder sorts by <c>occurred_at</c>); each call to <see cref="ReadEvents"/> starts again from the beginning.
/// </summary>
public interface IEventSource
{
    /// <summary>A short human description for logs and <c>metadata.json</c> (a path, a topic name).</summary>
    string Description { get; }

    /// <summary>Reads the history from the beginning.</summary>
    IEnumerable<CustomerEvent> ReadEvents();
}
