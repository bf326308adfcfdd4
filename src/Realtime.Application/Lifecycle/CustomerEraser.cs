using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Core.Privacy;
using Realtime.Core.Triggers;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Forgets a customer (right to erasure): removes the customer's standing share of the summary counters (customer and
/// buyer counts, segment sizes, channel economics, RFM histograms) so the summary still equals a recount, takes the
/// customer out of the due index, then deletes every key under the customer's hash tag. Dated revenue flows stay:
/// they are store aggregates, not personal data. Events that arrive after the erasure create a new customer.
/// Then it tells downstream systems (a <c>customer_forgotten</c> record and a tombstone) and records the erasure in the
/// audit trail with the customer's hash, never its id.
/// </summary>
public sealed class CustomerEraser(
    ICustomerStateStore store, ILifecycleCounters counters, ISegmentSchedule schedule, IErasurePublisher publisher, IErasureAudit audit, TimeProvider clock,
    ITriggerStore? triggers = null)
{
    /// <summary>True when the customer existed.</summary>
    /// <remarks>
    /// Publishes and audits even when nothing was stored: a retry after a failed publication must still reach
    /// downstream systems, and they may hold a customer the engine never kept (or already erased).
    /// </remarks>
    public async Task<bool> ForgetAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var customerId = request.CustomerId;
        var state = await store.GetAsync(customerId, cancellationToken);
        if (state is not null)
        {
            var before = LifecycleSnapshot.Of(state, state.CountedClv);
            await counters.ApplyAsync(LifecycleCounters.Forget(before, SegmentSet.FromMask(state.SegmentMask)), cancellationToken);
            await schedule.ScheduleAsync([new SegmentDue(customerId, null)], cancellationToken);
        }

        if (triggers is not null)
        {
            await triggers.ForgetAsync(customerId, cancellationToken); // its trigger log and its place in the trigger indexes
        }

        var existed = await store.DeleteAsync(customerId, cancellationToken) || state is not null;
        var at = clock.GetUtcNow();
        await publisher.PublishAsync(new CustomerForgotten(customerId, at, request.RequestId), cancellationToken);
        audit.Record(new ErasureAuditEntry(ErasureAuditEntry.HashOf(customerId), request.Caller, at, request.RequestId, existed));
        return existed;
    }
}
