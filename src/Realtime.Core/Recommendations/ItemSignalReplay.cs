using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Item-statistics changes of one ingest batch, computed after the state write: for each customer whose write the
/// compare-and-set accepted, the batch's applied events are replayed from the state before the batch on a copy, so
/// <see cref="ItemSignalUpdate.Compute(CustomerState, Events.CustomerEvent, ItemSignalOptions, ItemSignalBatch)"/>
/// sees each event's exact pre-event state. Events of refused writes (a redelivery, a stale consumer) add nothing,
/// so a redelivered batch does not count its pairs twice.
/// </summary>
public static class ItemSignalReplay
{
    private static readonly CustomerState s_anonymous = new(string.Empty);

    /// <summary>Appends the batch's increments and catalog facts to <paramref name="output"/> (not cleared here).</summary>
    public static void Collect(BatchEffectContext context, ItemSignalOptions options, ItemSignalBatch output)
    {
        if (context.Written.Count > 0)
        {
            var written = new HashSet<string>(context.Written.Count, StringComparer.Ordinal);
            foreach (var s in context.Written)
            {
                written.Add(s.CustomerId);
            }

            var working = new Dictionary<string, CustomerState>(written.Count, StringComparer.Ordinal);
            foreach (var record in context.Result.AppliedEvents)
            {
                var e = record.Event;
                if (!written.Contains(e.CustomerId))
                {
                    continue;
                }

                if (!working.TryGetValue(e.CustomerId, out var state))
                {
                    var before = context.Result.Before.GetValueOrDefault(e.CustomerId);
                    state = before is null ? new CustomerState(e.CustomerId) : before.Clone();
                    working[e.CustomerId] = state;
                }

                var mark = output.Increments.Count;
                ItemSignalUpdate.Compute(state, e, options, output);
                if (!CustomerFold.TryApply(state, e))
                {
                    // Cannot happen for an event the batch fold applied; kept exact anyway rather than double-counting.
                    output.Increments.RemoveRange(mark, output.Increments.Count - mark);
                }
            }
        }

        foreach (var e in context.CatalogEvents)
        {
            ItemSignalUpdate.Compute(s_anonymous, e, options, output);
        }
    }
}
