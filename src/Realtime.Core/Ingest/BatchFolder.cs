using Realtime.Core.Recommendations.Ranking;
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
    /// <param name="records">The batch's records, in log order.</param>
    /// <param name="loaded">The stored states (with their purchase histories) of the batch's customers.</param>
    /// <param name="historyMaxProducts">Products a customer's purchase history keeps (<see cref="CustomerState.HistoryMaxProducts"/>).</param>
    public static BatchResult Fold(IReadOnlyList<IngestRecord> records, IReadOnlyDictionary<string, CustomerState> loaded, int historyMaxProducts = PurchaseProfile.DefaultMaxProducts)
    {
        var result = new BatchResult();
        var latest = new Dictionary<string, Latest>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var e = record.Event;
            if (!latest.TryGetValue(e.CustomerId, out var customer))
            {
                var stored = loaded.GetValueOrDefault(e.CustomerId);
                result.Before[e.CustomerId] = stored;
                customer = new Latest(stored ?? new CustomerState(e.CustomerId), Owned: false);
            }

            var state = customer.State;
            if (state.LastPartition == record.Partition && record.Offset <= state.LastOffset)
            {
                result.Count(e.Type, IngestOutcome.Redelivered);
                latest[e.CustomerId] = customer;
                continue;
            }

            // Each applied event folds into a copy of the previous state, which stays as the step's "before": one copy
            // per event, the same number the batch's first event of a customer always cost.
            var next = state.Clone();
            next.HistoryMaxProducts = historyMaxProducts;
            var applied = CustomerFold.TryApply(next, e);
            if (applied)
            {
                result.Add(new AppliedStep(record, state, next));
            }
            else if (customer.Owned)
            {
                next = state; // a duplicate changes nothing but the position: keep the copy this batch already owns
            }

            next.LastPartition = record.Partition;
            next.LastOffset = record.Offset;
            result.Changed[e.CustomerId] = next;
            latest[e.CustomerId] = new Latest(next, Owned: true);
            result.Count(e.Type, applied ? IngestOutcome.Applied : IngestOutcome.Duplicate);
        }

        return result;
    }

    // A customer's newest state in the batch, and whether it is this batch's own copy (not the loaded state).
    private readonly record struct Latest(CustomerState State, bool Owned);
}
