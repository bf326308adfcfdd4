using System.Collections;
using System.Reflection;
using Realtime.Core.State;

namespace Realtime.Core.Tests.State;

public sealed class CustomerStateCloneTests
{
    private static readonly PropertyInfo[] s_properties = typeof(CustomerState).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Fact]
    public void A_clone_has_every_property_of_the_original_and_shares_no_list()
    {
        foreach (var original in StateCodecTests.SimulatedStates(200))
        {
            // Every settable scalar set away from its default, so a field the copy forgot cannot pass by accident.
            original.LastPartition = 3;
            original.LastOffset = 77;
            original.SegmentMask = 0b1010;
            original.CountedClv = 12.5;
            original.EmailUnsubscribed = true;

            var clone = original.Clone();

            foreach (var p in s_properties)
            {
                var (a, b) = (p.GetValue(original), p.GetValue(clone));
                if (a is IList list)
                {
                    Assert.NotSame(a, b);
                    Assert.Equal(list.Cast<object>(), ((IList)b!).Cast<object>());
                }
                else
                {
                    Assert.Equal(a, b);
                }
            }

            Assert.Equal(StateCodec.Encode(original), StateCodec.Encode(clone));
        }
    }

    [Fact]
    public void Changing_a_clone_leaves_the_original_as_it_was()
    {
        var original = StateCodecTests.SimulatedStates(50).First(s => s.RecentItems.Count > 0 && s.Purchased.Count > 0);
        var bytes = StateCodec.Encode(original);

        var clone = original.Clone();
        clone.RecentItems.Clear();
        clone.Purchased.RemoveAt(0);
        clone.RecentEventIds.Add(42);
        clone.OrderCount++;

        Assert.Equal(bytes, StateCodec.Encode(original));
    }
}
