using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// The few facts of a customer the lifecycle counters depend on. The fold mutates the state in place, so ingest takes
/// a snapshot before folding and one after, and <see cref="LifecycleCounters.Delta"/> compares the two.
/// </summary>
public readonly record struct LifecycleSnapshot(
    bool Known,
    int OrderCount,
    double GrossRevenue,
    double ReturnedAmount,
    long LastOrderMs,
    string Channel,
    double AcquisitionCost,
    RfmMetrics? Rfm,
    double Clv)
{
    /// <summary>The snapshot of <paramref name="state"/>; <paramref name="clv"/> is its CLV total when the caller computes one.</summary>
    public static LifecycleSnapshot Of(CustomerState state, double clv = 0) =>
        new(!state.IsEmpty, state.OrderCount, state.GrossRevenue, state.ReturnedAmount, state.LastOrderMs,
            CounterKeys.Channel(state.AcquisitionChannel), state.AcquisitionCost, RfmMetrics.From(state), clv);

    public double NetRevenue => Saturating.Money(GrossRevenue - ReturnedAmount);
}
