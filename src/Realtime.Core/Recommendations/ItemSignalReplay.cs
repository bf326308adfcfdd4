using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Item-statistics changes of one ingest batch, computed after the state write: for each customer whose write the
/// compare-and-set accepted, each of the batch's applied steps (<see cref="Ingest.BatchResult.Steps"/>) gives
/// <see cref="ItemSignalUpdate.Compute(CustomerState, Events.CustomerEvent, ItemSignalOptions, ItemSignalBatch)"/>
/// the event's exact pre-event state, without folding the batch again. Events of refused writes (a redelivery, a
/// stale consumer) add nothing, so a redelivered batch does not count its pairs twice.
/// </summary>
public static class ItemSignalReplay
{
    private static readonly CustomerState s_anonymous = new(string.Empty);

    /// <summary>Appends the batch's increments and catalog facts to <paramref name="output"/> (not cleared here).</summary>
    public static void Collect(BatchEffectContext context, ItemSignalOptions options, ItemSignalBatch output)
    {
        if (context.Written.Count > 0)
        {
            var written = context.WrittenIds;
            foreach (var step in context.Result.Steps)
            {
                if (written.Contains(step.CustomerId))
                {
                    ItemSignalUpdate.Compute(step.Before, step.Record.Event, options, output);
                }
            }
        }

        foreach (var e in context.CatalogEvents)
        {
            ItemSignalUpdate.Compute(s_anonymous, e, options, output);
        }
    }
}
