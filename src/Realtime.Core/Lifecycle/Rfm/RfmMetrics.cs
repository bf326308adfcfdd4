using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>
/// A buyer's position in the three RFM histograms: last-order day, order-count bucket and net-revenue bucket.
/// The adapter moves the customer between buckets when these change (decrement old, increment new).
/// </summary>
public readonly record struct RfmMetrics(int LastOrderDay, int FrequencyBucket, int MonetaryBucket)
{
    /// <summary>The metrics of a buyer; null for a customer without orders (not part of the RFM population).</summary>
    public static RfmMetrics? From(CustomerState state) =>
        state.OrderCount == 0
            ? null
            : new RfmMetrics(RfmBuckets.DayBucket(state.LastOrderMs), RfmBuckets.ValueBucket(state.OrderCount), RfmBuckets.ValueBucket(state.NetRevenue));
}
