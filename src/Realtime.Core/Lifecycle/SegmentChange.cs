namespace Realtime.Core.Lifecycle;

/// <summary>
/// One segment entered or left, with the facts that were true when it happened, so a consumer of
/// <c>realtime.segments</c> (an email or CRM system) can act without reading the customer back.
/// </summary>
public sealed record SegmentChange(Segment Segment, SegmentTransition Transition, LifecycleFacts Facts)
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/>: segments left first, then entered,
    /// each in declaration order (a stable order keeps the emitted messages deterministic). Empty when equal.
    /// </summary>
    public static IReadOnlyList<SegmentChange> Diff(SegmentSet before, SegmentSet after, LifecycleFacts facts)
    {
        if (before == after)
        {
            return [];
        }

        var changes = new List<SegmentChange>(4);
        foreach (var s in SegmentNames.All)
        {
            if (before.Contains(s) && !after.Contains(s))
            {
                changes.Add(new SegmentChange(s, SegmentTransition.Left, facts));
            }
        }

        foreach (var s in SegmentNames.All)
        {
            if (after.Contains(s) && !before.Contains(s))
            {
                changes.Add(new SegmentChange(s, SegmentTransition.Entered, facts));
            }
        }

        return changes;
    }
}
