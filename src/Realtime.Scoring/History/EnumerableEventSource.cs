using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>Wraps events already in memory (tests, generated histories, a Kafka replay collected by the caller).</summary>
public sealed class EnumerableEventSource(IEnumerable<CustomerEvent> events, string description = "in-memory events") : IEventSource
{
    public string Description => description;

    public IEnumerable<CustomerEvent> ReadEvents() => events;
}
