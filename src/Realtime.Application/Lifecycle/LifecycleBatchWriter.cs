using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// The lifecycle part of an ingest batch, around the state write: evaluate each changed customer's segments at now,
/// <b>publish</b> the changes and wait for the broker's acks, <b>write</b> the states (compare-and-set, with the new mask),
/// then, for the states actually written, <b>count</b> (one counter round trip) and <b>schedule</b> the next time-driven
/// change. Ingest drives the steps of a <see cref="LifecycleBatch"/> one by one so that a retry resumes where the
/// failure was; <see cref="WriteAsync"/> runs them all in order.
/// </summary>
public sealed class LifecycleBatchWriter(
    ICustomerStateStore store, ISegmentChangePublisher publisher, ILifecycleCounters counters, ISegmentSchedule schedule, LifecycleEvaluator evaluator)
{
    // This ingest worker as a counter writer: its batches are sequential, so the counter store remembers only its last one.
    private readonly string _writer = Random.Shared.NextInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Evaluates the batch's segments and counters (no I/O) and returns its retryable steps.</summary>
    public LifecycleBatch Prepare(BatchResult result, DateTimeOffset now) => new(store, publisher, counters, schedule, evaluator, _writer, result, now);

    /// <summary>Writes the batch's changed states with their lifecycle bookkeeping; returns the states written.</summary>
    public async Task<IReadOnlyList<CustomerState>> WriteAsync(BatchResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = Prepare(result, now);
        await batch.PublishAsync(cancellationToken);
        await batch.SaveAsync(cancellationToken);
        await batch.BookkeepAsync(cancellationToken);
        return batch.Written;
    }

    /// <summary>Counter increments as a list (zero sums left out).</summary>
    public static IReadOnlyCollection<CounterDelta> ToDeltas(Dictionary<string, double> sums) =>
        sums.Where(kv => kv.Value != 0).Select(kv => new CounterDelta(kv.Key, kv.Value)).ToList();
}
