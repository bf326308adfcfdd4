using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;

namespace Realtime.Core.Lifecycle.Wiring;

/// <summary>
/// Forgets a customer (right to erasure): removes the customer's standing share of the summary counters (customer and
/// buyer counts, segment sizes, channel economics, RFM histograms) so the summary still equals a recount, takes the
/// customer out of the due index, then deletes every key under the customer's hash tag. Dated revenue flows stay:
/// they are store aggregates, not personal data. Events that arrive after the erasure create a new customer.
/// </summary>
public sealed class CustomerEraser(ICustomerStateStore store, ILifecycleCounters counters, ISegmentSchedule schedule)
{
    /// <summary>True when the customer existed.</summary>
    public async Task<bool> ForgetAsync(string customerId, CancellationToken cancellationToken)
    {
        var state = await store.GetAsync(customerId, cancellationToken);
        if (state is not null)
        {
            var before = LifecycleSnapshot.Of(state, state.CountedClv);
            await counters.ApplyAsync(LifecycleCounters.Forget(before, SegmentSet.FromMask(state.SegmentMask)), cancellationToken);
            await schedule.ScheduleAsync([new SegmentDue(customerId, null)], cancellationToken);
        }

        return await store.DeleteAsync(customerId, cancellationToken) || state is not null;
    }
}
