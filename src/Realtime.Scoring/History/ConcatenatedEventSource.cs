using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>Several histories read one after the other (e.g. a folder of daily CSV exports); the builder sorts by time anyway.</summary>
public sealed class ConcatenatedEventSource(IReadOnlyList<IEventSource> parts) : IEventSource, ISkipsMalformed
{
    public string Description => parts.Count == 1 ? parts[0].Description : $"{parts.Count} files ({parts[0].Description}, ...)";

    /// <summary>Skipped by the parts' last reads, added up.</summary>
    public int Skipped => parts.OfType<ISkipsMalformed>().Sum(p => p.Skipped);

    public IEnumerable<CustomerEvent> ReadEvents() => parts.SelectMany(p => p.ReadEvents());
}
