using Realtime.Core.State;
namespace Realtime.Core.Ingest;

/// <summary>
/// Folds one consumed batch into the loaded states: the pure middle of the ingest loop
/// (load states → <see cref="Fold"/> → write back with compare-and-set → commit offsets).
/// An event whose (partition, offset) is not after the state's last applied position is skipped, which makes a
/// redelivered batch harmless; a repeated event id is skipped by the fold itself.
/// This is the batch's only replay: it records each applied event with its pre- and post-event states
/// (<see cref="BatchResult.Steps"/>), so lifecycle counters, item signals and offer learning read those instead of
/// folding the batch again.
/// </summary>
public static class BatchFolder
{
    /// <summary>
    /// Applies <paramref name="records"/> (in log order) to the <paramref name="loaded"/> states, creating states for new customers.
    /// Returns the customers whose state changed, with the state before the batch (null for a new customer), and the
    /// applied steps. The loaded states are not modified.
    /// </summary>
    public static BatchResult Fold(IReadOnlyList<IngestRecord> records, IReadOnlyDictionary<string, CustomerState> loaded)
    {
        var result = new BatchResult();
        var working = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var e = record.Event;
            if (!working.TryGetValue(e.CustomerId, out var customer))
            {
                var stored = loaded.GetValueOrDefault(e.CustomerId);
                result.Before[e.CustomerId] = stored;
                var latest = stored ?? new CustomerState(e.CustomerId);
                customer = new Customer(latest.Clone(), latest);
                working[e.CustomerId] = customer;
            }

            var state = customer.State;
            if (state.LastPartition == record.Partition && record.Offset <= state.LastOffset)
            {
                result.Count(e.Type, IngestOutcome.Redelivered);
                continue;
            }

            var applied = CustomerFold.TryApply(state, e);
            state.LastPartition = record.Partition;
            state.LastOffset = record.Offset;
            result.Changed[e.CustomerId] = state;
            result.Count(e.Type, applied ? IngestOutcome.Applied : IngestOutcome.Duplicate);
            if (applied)
            {
                // One copy per applied event, taken here once: the working state moves on with the next event.
                var after = state.Clone();
                result.Add(new AppliedStep(record, customer.Latest, after));
                customer.Latest = after;
            }
        }

        return result;
    }

    // The state being folded, and the snapshot after the customer's last applied event (the next step's "before").
    private sealed class Customer(CustomerState state, CustomerState latest)
    {
        public CustomerState State { get; } = state;

        public CustomerState Latest { get; set; } = latest;
    }
}
