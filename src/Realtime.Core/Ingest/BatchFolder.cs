using Realtime.Core.State;
namespace Realtime.Core.Ingest;

/// <summary>
/// Folds one consumed batch into the loaded states: the pure middle of the ingest loop
/// (load states → <see cref="Fold"/> → write back with compare-and-set → commit offsets).
/// An event whose (partition, offset) is not after the state's last applied position is skipped, which makes a
/// redelivered batch harmless; a repeated event id is skipped by the fold itself.
/// </summary>
public static class BatchFolder
{
    /// <summary>
    /// Applies <paramref name="records"/> (in log order) to the <paramref name="loaded"/> states, creating states for new customers.
    /// Returns the customers whose state changed, with the state before the batch (null for a new customer) so callers
    /// can compute what changed (segments, counters).
    /// </summary>
    public static BatchResult Fold(IReadOnlyList<IngestRecord> records, IReadOnlyDictionary<string, CustomerState> loaded)
    {
        var result = new BatchResult();
        var working = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var e = record.Event;
            if (!working.TryGetValue(e.CustomerId, out var state))
            {
                if (loaded.TryGetValue(e.CustomerId, out var stored))
                {
                    result.Before[e.CustomerId] = stored;
                    state = stored.Clone();
                }
                else
                {
                    result.Before[e.CustomerId] = null;
                    state = new CustomerState(e.CustomerId);
                }

                working[e.CustomerId] = state;
            }

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
                result.AppliedEvents.Add(record);
            }
        }

        return result;
    }
}
