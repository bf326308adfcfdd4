using Realtime.Core.Lifecycle;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class SegmentSetTests
{
    [Fact]
    public void A_set_lists_its_stage_first_then_its_flags_by_wire_name()
    {
        var set = SegmentSet.Of(Segment.AtRisk).WithFlag(Segment.CartAbandoner).WithFlag(Segment.NegativeExperience);
        Assert.Equal(["at_risk", "negative_experience", "cart_abandoner"], set.ToWireNames());
    }

    [Fact]
    public void A_stored_mask_round_trips()
    {
        var set = SegmentSet.Of(Segment.Hero).WithFlag(Segment.CartAbandoner);
        Assert.Equal(set, SegmentSet.FromMask(set.Mask));
        Assert.Equal(Segment.Hero, SegmentSet.FromMask(set.Mask).Primary);
    }

    [Fact]
    public void A_mask_with_two_stages_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SegmentSet.FromMask((1 << (int)Segment.Hero) | (1 << (int)Segment.Active)));
    }

    [Fact]
    public void Wire_names_parse_back_to_segments()
    {
        foreach (var s in SegmentNames.All)
        {
            Assert.True(SegmentNames.TryParse(s.ToWire(), out var parsed));
            Assert.Equal(s, parsed);
        }

        Assert.False(SegmentNames.TryParse("vip", out _));
    }

    [Fact]
    public void The_diff_lists_what_was_left_then_what_was_entered_with_the_facts()
    {
        var c = new Customer().Ordered(Customer.T0);
        var facts = LifecycleFacts.From(c.State, Customer.T0.AddDays(70), new LifecycleOptions());
        var before = SegmentSet.Of(Segment.FirstTimeBuyer).WithFlag(Segment.CartAbandoner);
        var after = SegmentSet.Of(Segment.AtRisk);

        var changes = SegmentChange.Diff(before, after, facts);

        Assert.Equal(
            [(Segment.FirstTimeBuyer, SegmentTransition.Left), (Segment.CartAbandoner, SegmentTransition.Left), (Segment.AtRisk, SegmentTransition.Entered)],
            changes.Select(ch => (ch.Segment, ch.Transition)));
        Assert.Equal(70, changes[0].Facts.DaysSinceLastOrder!.Value, 6);
        Assert.Equal(45, changes[0].Facts.ExpectedGapDays);
    }

    [Fact]
    public void An_unchanged_set_has_no_diff()
    {
        var facts = LifecycleFacts.From(new Customer().Viewed(Customer.T0).State, Customer.T0, new LifecycleOptions());
        Assert.Empty(SegmentChange.Diff(SegmentSet.Of(Segment.New), SegmentSet.Of(Segment.New), facts));
    }
}
