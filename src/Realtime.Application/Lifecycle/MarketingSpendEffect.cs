using Realtime.Core.Acquisition;
using Realtime.Core.Events;
using Realtime.Core.Ports;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Ingest's spend step: the batch's <c>marketing_spend</c> events (routed beside the catalog events, not folded into
/// any customer) go to the ledger, which records each <c>event_id</c> once, so a retried or redelivered batch adds nothing.
/// </summary>
public sealed class MarketingSpendEffect(IMarketingSpendLedger ledger) : IBatchEffect
{
    public Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken)
    {
        var spends = context.CatalogEvents.Where(e => e.Type == EventType.MarketingSpend).ToList();
        return spends.Count == 0 ? Task.CompletedTask : ledger.RecordAsync(spends, cancellationToken);
    }
}
