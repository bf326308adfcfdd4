using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Ingest;

/// <summary>The outcome of <see cref="BatchFolder.Fold"/>.</summary>
public sealed class BatchResult
{
    /// <summary>States to write back, by customer id (their position is the last record that touched them).</summary>
    public Dictionary<string, CustomerState> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Each touched customer's state before the batch; null for a customer first seen in this batch.</summary>
    public Dictionary<string, CustomerState?> Before { get; } = new(StringComparer.Ordinal);

    /// <summary>The records that changed a state, in log order (for cross-customer signals such as item statistics).</summary>
    public List<IngestRecord> AppliedEvents { get; } = [];

    /// <summary>Event counts by type and outcome.</summary>
    public Dictionary<(EventType Type, IngestOutcome Outcome), int> Outcomes { get; } = [];

    internal void Count(EventType type, IngestOutcome outcome) =>
        Outcomes[(type, outcome)] = Outcomes.GetValueOrDefault((type, outcome)) + 1;
}
