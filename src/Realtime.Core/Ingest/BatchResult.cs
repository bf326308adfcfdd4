using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Ingest;

/// <summary>The outcome of <see cref="BatchFolder.Fold"/>: the batch's one replay, which every later step consumes.</summary>
public sealed class BatchResult
{
    private static readonly IReadOnlyList<AppliedStep> s_none = [];
    private readonly Dictionary<string, List<AppliedStep>> _stepsByCustomer = new(StringComparer.Ordinal);

    /// <summary>States to write back, by customer id (their position is the last record that touched them).</summary>
    public Dictionary<string, CustomerState> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Each touched customer's state before the batch; null for a customer first seen in this batch.</summary>
    public Dictionary<string, CustomerState?> Before { get; } = new(StringComparer.Ordinal);

    /// <summary>The events that changed a state, in log order, each with its exact pre- and post-event state.</summary>
    public List<AppliedStep> Steps { get; } = [];

    /// <summary>Event counts by type and outcome.</summary>
    public Dictionary<(EventType Type, IngestOutcome Outcome), int> Outcomes { get; } = [];

    /// <summary>The steps of one customer, in log order (empty when none of its events applied).</summary>
    public IReadOnlyList<AppliedStep> StepsOf(string customerId) =>
        _stepsByCustomer.TryGetValue(customerId, out var steps) ? steps : s_none;

    internal void Count(EventType type, IngestOutcome outcome) =>
        Outcomes[(type, outcome)] = Outcomes.GetValueOrDefault((type, outcome)) + 1;

    internal void Add(AppliedStep step)
    {
        Steps.Add(step);
        if (!_stepsByCustomer.TryGetValue(step.CustomerId, out var steps))
        {
            _stepsByCustomer[step.CustomerId] = steps = [];
        }

        steps.Add(step);
    }
}
