using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// One message on <c>realtime.segments</c>: a segment entered or left, the customer's segments after the change and
/// the facts behind it.
/// </summary>
/// <param name="ChangeId">Deterministic id (<see cref="IdOf"/>): the same change from the same source gets the same id, so a consumer can drop the rare duplicate.</param>
/// <param name="CustomerId">The customer (also the Kafka key).</param>
/// <param name="Change">The segment, direction and facts.</param>
/// <param name="Segments">All of the customer's segments after the change.</param>
/// <param name="At">When the change was evaluated.</param>
public sealed record SegmentChangeEvent(string ChangeId, string CustomerId, SegmentChange Change, SegmentSet Segments, DateTimeOffset At)
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/> as messages. <paramref name="source"/>
    /// names what caused them (the log position of the last event applied, or the state position a sweep evaluated),
    /// so a retry of the same work yields the same ids.
    /// </summary>
    public static IEnumerable<SegmentChangeEvent> Of(string customerId, SegmentSet before, SegmentSet after, LifecycleFacts facts, string source, DateTimeOffset at) =>
        SegmentChange.Diff(before, after, facts).Select(c => new SegmentChangeEvent(IdOf(customerId, c, before, source), customerId, c, after, at));

    /// <summary>
    /// Corrections after a race between ingest and a sweep, when two writers each published from the same old mask:
    /// every segment where either <paramref name="publishedA"/> or <paramref name="publishedB"/> disagrees with
    /// <paramref name="target"/> is re-published with its <paramref name="target"/> value, so a consumer that applied
    /// both streams (in any order) ends at <paramref name="target"/>.
    /// </summary>
    public static IEnumerable<SegmentChangeEvent> Corrections(
        string customerId, SegmentSet publishedA, SegmentSet publishedB, SegmentSet target, LifecycleFacts facts, string source, DateTimeOffset at)
    {
        var seen = new HashSet<(Segment, SegmentTransition)>();
        foreach (var e in Of(customerId, publishedA, target, facts, source, at).Concat(Of(customerId, publishedB, target, facts, source, at)))
        {
            if (seen.Add((e.Change.Segment, e.Change.Transition)))
            {
                yield return e;
            }
        }
    }

    /// <summary>Hex of the first 16 bytes of SHA-256 over customer, segment, direction, the mask before and the source.</summary>
    public static string IdOf(string customerId, SegmentChange change, SegmentSet before, string source)
    {
        var text = string.Join(
            '\n',
            customerId,
            change.Segment.ToWire(),
            change.Transition == SegmentTransition.Entered ? "entered" : "left",
            before.Mask.ToString(CultureInfo.InvariantCulture),
            source);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
