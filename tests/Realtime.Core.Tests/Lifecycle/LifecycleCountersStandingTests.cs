using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>
/// <see cref="LifecycleCounters.Delta"/> skips a standing contribution whose two sides are equal (they cancel). Held
/// here against <see cref="LifecycleCounters.Forget"/>, which always computes both sides in full (nothing is left on
/// its "gone" side): with no flows, moving a customer from a to b must equal forgetting a minus forgetting b. The
/// pairs differ in one or a few fields at a time, so a skip that overlooked a field its counters read would fail.
/// </summary>
public sealed class LifecycleCountersStandingTests
{
    private static readonly string[] s_channels = ["email", "paid_search", "unknown"];
    private static readonly string[] s_pairs = ["email/none", "email/spring", "paid_search/none"];

    [Fact]
    public void Moving_a_customer_equals_forgetting_the_old_standing_and_adding_the_new()
    {
        var random = new Random(15);
        for (var i = 0; i < 5000; i++)
        {
            var a = RandomSnapshot(random);
            var b = Vary(a, random);
            var (sa, sb) = (RandomSegments(random), random.Next(3) == 0 ? default : RandomSegments(random));
            if (random.Next(2) == 0)
            {
                sb = sa;
            }

            // Dated before any registration and without new orders or refunds: no flows, standing contributions only.
            var moved = Sum(LifecycleCounters.Delta(a, b, sa, sb, DateTimeOffset.UnixEpoch));
            var expected = Sum(LifecycleCounters.Forget(a, sa));
            foreach (var (key, value) in Sum(LifecycleCounters.Forget(b, sb)))
            {
                expected[key] = expected.GetValueOrDefault(key) - value;
            }

            foreach (var key in expected.Keys.Concat(moved.Keys).Distinct())
            {
                Assert.True(
                    Math.Abs(expected.GetValueOrDefault(key) - moved.GetValueOrDefault(key)) <= 1e-9 * (1 + Math.Abs(expected.GetValueOrDefault(key))),
                    $"pair {i}, {key}: expected {expected.GetValueOrDefault(key)}, got {moved.GetValueOrDefault(key)}\n a = {a}\n b = {b}");
            }
        }
    }

    [Fact]
    public void Accumulating_deltas_in_place_gives_exactly_the_sums_of_their_lists()
    {
        var random = new Random(16);
        var inPlace = new Dictionary<string, double>(StringComparer.Ordinal);
        var fromLists = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < 5000; i++)
        {
            var a = RandomSnapshot(random);
            // With flows too: more orders and refunds on the later side, dated after the registration.
            var b = random.Next(2) == 0 ? Vary(a, random) : RandomSnapshot(random);
            var (sa, sb) = (RandomSegments(random), RandomSegments(random));
            var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000L + (random.Next(200) * 86_400_000L));

            LifecycleCounters.AccumulateDelta(inPlace, a, b, sa, sb, at);
            foreach (var d in LifecycleCounters.Delta(a, b, sa, sb, at))
            {
                fromLists[d.Key] = fromLists.GetValueOrDefault(d.Key) + d.Increment;
            }
        }

        Assert.True(fromLists.Count > 50, "the random pairs moved too few counters to compare");
        Assert.Equal(fromLists.OrderBy(kv => kv.Key, StringComparer.Ordinal), inPlace.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    private static LifecycleSnapshot RandomSnapshot(Random random)
    {
        var orders = random.Next(5);
        var first = orders > 0 ? 1_700_000_000_000L + (random.Next(100) * 86_400_000L) : 0;
        return new LifecycleSnapshot(
            Known: random.Next(6) > 0,
            OrderCount: orders,
            GrossRevenue: orders * 40.5,
            ReturnedAmount: random.Next(3) == 0 ? 10 : 0,
            LastOrderMs: first,
            Channel: s_channels[random.Next(s_channels.Length)],
            AcquisitionCost: random.Next(3) * 7.25,
            Rfm: orders > 0 ? new RfmMetrics(random.Next(3), random.Next(3), random.Next(3)) : null,
            Clv: random.Next(3) * 33.3)
        {
            RegisteredAtMs = random.Next(3) > 0 ? 1_690_000_000_000L + (random.Next(5) * 86_400_000L) : 0,
            Pair = s_pairs[random.Next(s_pairs.Length)],
            FirstOrderMs = first,
            SecondOrderMs = orders >= 2 ? first + 86_400_000L : 0,
            ThirdOrderMs = orders >= 3 ? first + (2 * 86_400_000L) : 0,
        };
    }

    // b = a with each standing field changed with some probability (often none or one); never more orders or refunds.
    private static LifecycleSnapshot Vary(LifecycleSnapshot a, Random random)
    {
        var other = RandomSnapshot(random);
        bool Change() => random.Next(8) == 0;
        var orders = Change() ? Math.Min(a.OrderCount, other.OrderCount) : a.OrderCount;
        return a with
        {
            Known = Change() ? other.Known : a.Known,
            OrderCount = orders,
            GrossRevenue = Change() ? other.GrossRevenue : a.GrossRevenue,
            Channel = Change() ? other.Channel : a.Channel,
            AcquisitionCost = Change() ? other.AcquisitionCost : a.AcquisitionCost,
            Rfm = Change() ? other.Rfm : a.Rfm,
            Clv = Change() ? other.Clv : a.Clv,
            RegisteredAtMs = Change() ? other.RegisteredAtMs : a.RegisteredAtMs,
            Pair = Change() ? other.Pair : a.Pair,
            FirstOrderMs = Change() ? other.FirstOrderMs : a.FirstOrderMs,
        };
    }

    private static SegmentSet RandomSegments(Random random)
    {
        var set = SegmentSet.Of((Segment)random.Next((int)Segment.Inactive + 1));
        return random.Next(2) == 0 ? set : set.WithFlag(random.Next(2) == 0 ? Segment.NegativeExperience : Segment.CartAbandoner);
    }

    private static Dictionary<string, double> Sum(IEnumerable<CounterDelta> deltas)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in deltas)
        {
            sums[d.Key] = sums.GetValueOrDefault(d.Key) + d.Increment;
        }

        return sums;
    }
}
