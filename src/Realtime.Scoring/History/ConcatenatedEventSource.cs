using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>Several histories read one after the other (e.g. a folder of daily CSV exports); the builder sorts by time anyway.</summary>
public sealed class ConcatenatedEventSource(IReadOnlyList<IEventSource> parts) : IEventSource
{
    public string Description => parts.Count == 1 ? parts[0].Description : $"{parts.Count} files ({parts[0].Description}, ...)";

    public IEnumerable<CustomerEvent> ReadEvents() => parts.SelectMany(p => p.ReadEvents());
}
