namespace Realtime.Core.Churn;

/// <summary>Default cutoff schedules for building training sets from a history.</summary>
public static class CutoffPlan
{
    /// <summary>
    /// Cutoffs spaced one horizon apart, ending at <paramref name="dataEnd"/> − horizon so the last one is fully labelled,
    /// going back at most <paramref name="maxCount"/> steps but never earlier than <paramref name="dataStart"/> + horizon
    /// (a customer needs some history to describe). Spacing by the horizon makes a strict backtest possible: the labels of
    /// every cutoff are known by the next one, so the last cutoff can serve as an honest time-based holdout.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Backtest(DateTimeOffset dataStart, DateTimeOffset dataEnd, TimeSpan horizon, int maxCount = 6)
    {
        var cutoffs = new List<DateTimeOffset>();
        for (var c = dataEnd - horizon; c >= dataStart + horizon && cutoffs.Count < maxCount; c -= horizon)
        {
            cutoffs.Add(c);
        }

        cutoffs.Reverse();
        return cutoffs;
    }
}
