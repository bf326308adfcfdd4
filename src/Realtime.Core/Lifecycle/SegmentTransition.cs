namespace Realtime.Core.Lifecycle;

/// <summary>Direction of a segment change.</summary>
public enum SegmentTransition
{
    Entered,
    Left,
}
