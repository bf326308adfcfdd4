using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// One customer's purchase history in the form BG/NBD and Gamma-Gamma take: <see cref="Frequency"/> x = repeat
/// transactions, <see cref="Recency"/> tₓ = time from the first to the last transaction, <see cref="Age"/> T = time from
/// the first transaction to the observation instant, and the mean value per transaction. The models are indifferent
/// to the time unit (only α carries it); the engine uses days, the CDNOW reference weeks.
/// </summary>
public readonly record struct ClvObservation(double Frequency, double Recency, double Age, double MonetaryMean = 0)
{
    /// <summary>
    /// The observation for a customer at <paramref name="now"/>, in days; null without orders. Following the standard
    /// protocol, orders on the same (UTC) day are one transaction. The state keeps only the last
    /// <see cref="StateLimits.RecentOrders"/> order times, so older orders are assumed to fall on distinct days.
    /// The monetary mean is net revenue per transaction, first one included (the state does not keep it apart).
    /// </summary>
    public static ClvObservation? From(CustomerState state, DateTimeOffset now)
    {
        if (state.OrderCount == 0)
        {
            return null;
        }

        var distinctDays = 0;
        var previousDay = long.MinValue;
        foreach (var ms in state.RecentOrderMs)
        {
            var day = Math.DivRem(ms, TimeUnits.MsPerDay).Quotient;
            distinctDays += day != previousDay ? 1 : 0;
            previousDay = day;
        }

        var transactions = distinctDays + Math.Max(0, state.OrderCount - state.RecentOrderMs.Count);
        transactions = Math.Max(transactions, 1);
        var nowMs = TimeUnits.ToMs(now);
        var age = Math.Max(0, TimeUnits.DaysBetween(state.FirstOrderMs, nowMs));
        var recency = Math.Clamp(TimeUnits.DaysBetween(state.FirstOrderMs, state.LastOrderMs), 0, age);
        return new ClvObservation(transactions - 1, transactions > 1 ? recency : 0, age, Math.Max(0, state.NetRevenue) / transactions);
    }
}
