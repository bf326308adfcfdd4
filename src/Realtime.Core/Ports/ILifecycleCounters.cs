using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;

namespace Realtime.Core.Ports;

/// <summary>
/// The store-wide lifecycle counters (segment sizes, revenue flows, channel economics, RFM histograms) kept in one
/// Redis hash and updated incrementally by ingest and the segment sweeper.
/// </summary>
public interface ILifecycleCounters
{
    /// <summary>Adds the increments in one round trip.</summary>
    Task ApplyAsync(IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the increments atomically and at most once per (<paramref name="writer"/>, <paramref name="batch"/>): a retried
    /// batch whose first try reached the store (and whose reply was lost) adds nothing again. A writer's batches are
    /// sequential, so only its latest batch needs remembering. Stores without that guarantee add as <see cref="ApplyAsync"/> does.
    /// </summary>
    Task ApplyOnceAsync(string writer, long batch, IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken) =>
        ApplyAsync(deltas, cancellationToken);

    /// <summary>All counters, read in one round trip.</summary>
    Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The RFM population histograms as of at most a few seconds ago (a cached copy: scoring a customer must not
    /// cost a read of the whole histogram).
    /// </summary>
    RfmHistograms CurrentHistograms { get; }
}
