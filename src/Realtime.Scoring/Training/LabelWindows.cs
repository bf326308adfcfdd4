using System.Globalization;

namespace Realtime.Scoring.Training;

/// <summary>
/// Checks, before any replay, that at least one cutoff's label window (cutoff, cutoff + horizon] ends by the data end,
/// and otherwise says which horizon or cutoff would work (<see cref="NotEnoughDataException"/>).
/// </summary>
public static class LabelWindows
{
    /// <param name="dataStart">The first event's time.</param>
    /// <param name="dataEnd">The end of the observed history.</param>
    /// <param name="cutoffs">The cutoffs to label at.</param>
    /// <param name="horizon">The label window's length.</param>
    /// <param name="planned">True when the cutoffs were planned from the history (no <c>--cutoffs</c> given).</param>
    public static void Check(DateTimeOffset dataStart, DateTimeOffset dataEnd, IReadOnlyList<DateTimeOffset> cutoffs, TimeSpan horizon, bool planned)
    {
        var inv = CultureInfo.InvariantCulture;
        var days = horizon.TotalDays;
        if (planned && cutoffs.Count == 0)
        {
            var span = Math.Max(0, (dataEnd - dataStart).TotalDays);
            throw new NotEnoughDataException(span >= 2
                ? string.Create(inv, $"the history {dataStart:yyyy-MM-dd} to {dataEnd:yyyy-MM-dd} spans {span:0} d, less than two horizons of {days:0} d (one to build features, one to label): use --horizon-days ≤ {Math.Floor(span / 2):0}, or a longer history")
                : string.Create(inv, $"the history {dataStart:yyyy-MM-dd} to {dataEnd:yyyy-MM-dd} spans {span:0.#} d: a longer history is needed"));
        }

        if (cutoffs.Count > 0 && cutoffs.All(c => c + horizon > dataEnd))
        {
            var earliest = cutoffs.Min();
            var room = Math.Floor((dataEnd - earliest).TotalDays);
            var latestCutoff = dataEnd - horizon;
            var horizonAdvice = room >= 1 ? string.Create(inv, $"use --horizon-days ≤ {room:0} or ") : "use ";
            var cutoffAdvice = latestCutoff > dataStart
                ? string.Create(inv, $"a cutoff ≤ {latestCutoff:yyyy-MM-dd} (--cutoffs)")
                : string.Create(inv, $"a longer history (it starts {dataStart:yyyy-MM-dd})");
            throw new NotEnoughDataException(string.Create(inv, $"horizon {days:0} d from cutoff {earliest:yyyy-MM-dd} runs past the data end {dataEnd:yyyy-MM-dd}: {horizonAdvice}{cutoffAdvice}"));
        }
    }
}
