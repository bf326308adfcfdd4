namespace Realtime.Core.Lifecycle;

/// <summary>
/// A customer's segments: exactly one primary stage plus any flags, as a bit mask (bit i = <see cref="Segment"/> i),
/// so it is cheap to compare, store next to the state and diff. The default value is the empty set (nothing evaluated yet).
/// </summary>
public readonly struct SegmentSet : IEquatable<SegmentSet>
{
    private SegmentSet(int mask) => Mask = mask;

    /// <summary>The raw bits, for storage; rebuild with <see cref="FromMask"/>.</summary>
    public int Mask { get; }

    /// <summary>True before any evaluation (no stage).</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>The primary lifecycle stage; throws on the empty set.</summary>
    public Segment Primary
    {
        get
        {
            foreach (var s in SegmentNames.All)
            {
                if (s.IsStage() && Contains(s))
                {
                    return s;
                }
            }

            throw new InvalidOperationException("an empty segment set has no primary stage");
        }
    }

    /// <summary>A set with one stage and no flags.</summary>
    public static SegmentSet Of(Segment stage)
    {
        if (!stage.IsStage())
        {
            throw new ArgumentException($"{stage} is a flag, not a stage", nameof(stage));
        }

        return new SegmentSet(Bit(stage));
    }

    /// <summary>Rebuilds a stored set; a mask without exactly one stage is corrupt and throws.</summary>
    public static SegmentSet FromMask(int mask)
    {
        var stages = 0;
        foreach (var s in SegmentNames.All)
        {
            stages += s.IsStage() && (mask & Bit(s)) != 0 ? 1 : 0;
        }

        if (mask >> SegmentNames.All.Count != 0 || (mask != 0 && stages != 1))
        {
            throw new ArgumentException($"segment mask {mask} must hold exactly one stage", nameof(mask));
        }

        return new SegmentSet(mask);
    }

    /// <summary>This set with <paramref name="flag"/> added.</summary>
    public SegmentSet WithFlag(Segment flag)
    {
        if (flag.IsStage())
        {
            throw new ArgumentException($"{flag} is a stage, not a flag", nameof(flag));
        }

        return new SegmentSet(Mask | Bit(flag));
    }

    public bool Contains(Segment segment) => (Mask & Bit(segment)) != 0;

    /// <summary>The members, primary stage first, then flags in declaration order.</summary>
    public IReadOnlyList<Segment> ToList()
    {
        var list = new List<Segment>(3);
        foreach (var s in SegmentNames.All)
        {
            if (Contains(s))
            {
                list.Add(s);
            }
        }

        return list;
    }

    /// <summary>The members' wire names, primary stage first.</summary>
    public IReadOnlyList<string> ToWireNames() => ToList().Select(s => s.ToWire()).ToList();

    public bool Equals(SegmentSet other) => Mask == other.Mask;

    public override bool Equals(object? obj) => obj is SegmentSet other && Equals(other);

    public override int GetHashCode() => Mask;

    public override string ToString() => IsEmpty ? "(none)" : string.Join(",", ToWireNames());

    public static bool operator ==(SegmentSet left, SegmentSet right) => left.Equals(right);

    public static bool operator !=(SegmentSet left, SegmentSet right) => !left.Equals(right);

    private static int Bit(Segment s) => 1 << (int)s;
}
