using Realtime.Core.Events;
using Realtime.Core.History;
using Realtime.Scoring.History;

namespace Realtime.Scoring.Training;

/// <summary>A history read into memory for training or evaluation, with its first and last event times.</summary>
internal sealed record ObservedHistory(List<CustomerEvent> Events, DateTimeOffset FirstEvent, DateTimeOffset LastEvent)
{
    /// <summary>
    /// Reads <paramref name="source"/> (counted on the progress terminal) and notes how many rows it skipped;
    /// throws <see cref="NotEnoughDataException"/> when nothing is left.
    /// </summary>
    public static ObservedHistory Read(IEventSource source, TrainingProgress progress)
    {
        var events = progress.Counted(source.ReadEvents(), "events read").ToList();
        if (source is ISkipsMalformed { Skipped: > 0 } skipping)
        {
            progress.Note($"skipped {skipping.Skipped} rows or lines without a valid customer id, date, amount or event");
        }

        return events.Count == 0
            ? throw new NotEnoughDataException($"no events in {source.Description}: check --input, --format and --columns")
            : new ObservedHistory(events, events.Min(e => e.OccurredAt), events.Max(e => e.OccurredAt));
    }
}
