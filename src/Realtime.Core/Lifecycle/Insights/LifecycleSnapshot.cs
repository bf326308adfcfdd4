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
            CounterKeys.Channel(state.AcquisitionChannel), state.AcquisitionCost, RfmMetrics.From(state), clv)
        {
            RegisteredAtMs = state.RegisteredAtMs,
            Pair = AcquisitionKeys.Pair(state.AcquisitionChannel ?? string.Empty, state.Campaign),
            FirstOrderMs = state.FirstOrderMs,
            // The recent order times hold every order while there are few: exact for the second and third (the funnel's steps).
            SecondOrderMs = state.RecentOrderMs.Count == state.OrderCount && state.OrderCount >= 2 ? state.RecentOrderMs[1] : 0,
            ThirdOrderMs = state.RecentOrderMs.Count == state.OrderCount && state.OrderCount >= 3 ? state.RecentOrderMs[2] : 0,
        };

    /// <summary>When the customer registered (Unix ms; 0 = never), for the funnel's entry and cohort.</summary>
    public long RegisteredAtMs { get; init; }

    public long FirstOrderMs { get; init; }

    /// <summary>The acquisition pair, <c>channel/campaign</c> (see <see cref="AcquisitionKeys.Pair"/>).</summary>
    public string Pair { get; init; } = AcquisitionKeys.Pair(string.Empty, null);

    /// <summary>The second order's time when the state still holds every order time (0 otherwise).</summary>
    public long SecondOrderMs { get; init; }

    public long ThirdOrderMs { get; init; }

    public double NetRevenue => Saturating.Money(GrossRevenue - ReturnedAmount);
}
