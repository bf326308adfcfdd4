namespace Realtime.Core.Lifecycle;

/// <summary>Snake_case wire names of <see cref="Segment"/> (gRPC, Kafka <c>realtime.segments</c>, counter keys).</summary>
public static class SegmentNames
{
    private static readonly string[] s_names =
    [
        "new", "first_time_buyer", "active", "hero", "at_risk", "inactive", "negative_experience", "cart_abandoner",
    ];

    /// <summary>All segments in declaration order.</summary>
    public static IReadOnlyList<Segment> All { get; } = Enum.GetValues<Segment>();

    /// <summary>The wire name, e.g. <c>first_time_buyer</c>.</summary>
    public static string ToWire(this Segment segment) => s_names[(int)segment];

    /// <summary>Parses a wire name; false for anything unknown.</summary>
    public static bool TryParse(string name, out Segment segment)
    {
        var i = Array.IndexOf(s_names, name);
        segment = i < 0 ? default : (Segment)i;
        return i >= 0;
    }

    /// <summary>True for the mutually exclusive lifecycle stages, false for the flags a customer may carry alongside.</summary>
    public static bool IsStage(this Segment segment) => segment is not (Segment.NegativeExperience or Segment.CartAbandoner);
}
