using System.Text;
using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>
/// Events from JSON-lines files (one wire-format event per line: <c>{"event_id","type","customer_id","occurred_at",...}</c>),
/// for example a dump of the Kafka topic, decoded by the ingest decoder (<see cref="EventJson"/>). Lines that do not
/// parse or fail validation are skipped and counted, as ingest would send them to the DLQ. Events dated more than
/// <see cref="EventLimits.DefaultMaxFutureSkew"/> after <paramref name="clock"/>'s now (the wall clock by default)
/// are skipped like ingest skips them.
/// </summary>
public sealed class JsonLinesEventSource(IReadOnlyList<string> paths, TimeProvider? clock = null) : IEventSource, ISkipsMalformed
{
    public string Description => paths.Count == 1 ? paths[0] : $"{paths.Count} files ({paths[0]}, ...)";

    /// <summary>Lines skipped by the last read (malformed or invalid events).</summary>
    public int Skipped { get; private set; }

    /// <summary>Why the first skipped line was skipped, for the operator.</summary>
    public string? FirstProblem { get; private set; }

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        Skipped = 0;
        FirstProblem = null;
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        foreach (var path in paths)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (e, problem) = Parse(line, now);
                if (e is null)
                {
                    Skipped++;
                    FirstProblem ??= $"{path}:{lineNumber}: {problem}";
                    continue;
                }

                yield return e;
            }
        }
    }

    /// <summary>Decodes one wire-format event with the ingest decoder; returns the problem instead when it is malformed or invalid.</summary>
    public static (CustomerEvent? Event, string? Problem) Parse(string json, DateTimeOffset now) =>
        EventJson.TryDecode(Encoding.UTF8.GetBytes(json), now, EventLimits.DefaultMaxFutureSkew, out var e, out var problem) ? (e, null) : (null, problem);
}
