using System.Collections;
using CsCheck;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Properties;

/// <summary>The state codec as a property: any state, every list at any length up to its cap, decodes to what was encoded.</summary>
public sealed class StateCodecPropertyTests
{
    // Years 0001 to 9999 in Unix ms (what DateTimeOffset can hold), 0 (never) often.
    private static readonly Gen<long> s_time = Gen.Frequency((1, Gen.Const(0L)), (4, Gen.Long[-62_135_596_800_000, 253_402_300_799_999]));
    private static readonly Gen<double> s_double = Gen.Frequency(
        (3, Gen.Int[-1_000_000, 1_000_000].Select(c => c / 100.0)), (3, Gen.Double), (1, Gen.OneOf(double.NaN, double.PositiveInfinity, -0.0, 1e15, double.Epsilon)));

    // Strings of valid UTF-16 (the codec writes UTF-8): ASCII, accents, the euro sign, CJK; empty sometimes.
    private static readonly Gen<string> s_string = Gen.String[Gen.Char["abcXYZ019_-.:@ é€日"], 0, 64];

    private static readonly Gen<CustomerState> s_state =
        Gen.Select(s_time.Array[32], Gen.Int.Array[24], s_double.Array[12], s_string.Array[16], Gen.Bool.Array[8], Gen.ULong.Array[32], Gen.Int[0, 20].Array[9])
            .Select((times, ints, doubles, strings, bools, hashes, counts) => Build(times, ints, doubles, strings, bools, hashes, counts));

    [Fact]
    public void Any_state_round_trips_through_the_codec()
    {
        s_state.Sample(s =>
        {
            var bytes = StateCodec.Encode(s);
            var decoded = StateCodec.Decode(s.CustomerId, bytes);
            AssertSameState(s, decoded);
            Assert.Equal(bytes, StateCodec.Encode(decoded));
        }, threads: 1, iter: 500);
    }

    private static CustomerState Build(long[] t, int[] n, double[] d, string[] str, bool[] b, ulong[] h, int[] counts)
    {
        int ti = 0, ni = 0, di = 0, si = 0, bi = 0, hi = 0;
        long T() => t[ti++ % t.Length];
        int N() => n[ni++ % n.Length];
        double D() => d[di++ % d.Length];
        string S() => str[si++ % str.Length];
        string? NS() => b[bi % b.Length] ? null : S();
        bool B() => b[bi++ % b.Length];
        int Count(int k, int cap) => counts[k] % (cap + 1);

        var s = new CustomerState("c1")
        {
            FirstSeenMs = T(),
            LastSeenMs = T(),
            RegisteredAtMs = T(),
            AcquisitionChannel = NS(),
            Campaign = NS(),
            AcquisitionCost = D(),
            OrderCount = N(),
            GrossRevenue = D(),
            FirstOrderMs = T(),
            LastOrderMs = T(),
            ReturnCount = N(),
            ReturnedAmount = D(),
            LastReturnMs = T(),
            ViewCount = N(),
            CartAddCount = N(),
            CartUpdatedMs = T(),
            CheckoutStartedMs = T(),
            EmailOpens = N(),
            EmailClicks = N(),
            LastEmailEngagementMs = T(),
            EmailUnsubscribed = B(),
            ReviewCount = N(),
            ReviewRatingSum = N(),
            LowRatingCount = N(),
            LastLowRatingMs = T(),
            TicketCount = N(),
            UnhappyTicketCount = N(),
            LastUnhappyTicketMs = T(),
            OffersShown = N(),
            OffersRedeemed = N(),
        };
        for (var i = Count(0, StateLimits.RecentOrders); i > 0; i--)
        {
            s.RecentOrderMs.Add(T());
        }

        for (var i = Count(1, StateLimits.CartLines); i > 0; i--)
        {
            s.Cart.Add(new CartLine(S(), NS(), N(), D()));
        }

        for (var i = Count(2, StateLimits.RecentItems); i > 0; i--)
        {
            s.RecentItems.Add(new RecentItem(S(), T()));
        }

        for (var i = Count(3, StateLimits.Categories); i > 0; i--)
        {
            s.Categories.Add(new CategoryAffinity(S(), N(), D(), T()));
        }

        for (var i = Count(4, StateLimits.PurchasedItems); i > 0; i--)
        {
            s.Purchased.Add(new PurchasedItem(S(), NS(), N(), T(), T()));
        }

        for (var i = Count(5, StateLimits.RecentOffers); i > 0; i--)
        {
            s.RecentOffers.Add(new OfferContact(S(), NS(), T(), B()));
        }

        for (var i = Count(6, StateLimits.RecentEventIds); i > 0; i--)
        {
            s.RecentEventIds.Add(h[hi++ % h.Length]);
        }

        for (var i = Count(7, StateLimits.RecentOrderIds); i > 0; i--)
        {
            s.RecentOrders.Add(new RecentOrder(h[hi++ % h.Length], D(), D()));
        }

        return s;
    }

    // Every public property the codec carries (the position, segment mask and counted CLV are stored beside the bytes).
    private static void AssertSameState(CustomerState expected, CustomerState actual)
    {
        string[] notCarried = [nameof(CustomerState.LastPartition), nameof(CustomerState.LastOffset), nameof(CustomerState.SegmentMask), nameof(CustomerState.CountedClv)];
        foreach (var p in typeof(CustomerState).GetProperties().Where(p => !notCarried.Contains(p.Name)))
        {
            var (e, a) = (p.GetValue(expected), p.GetValue(actual));
            if (e is IEnumerable list and not string)
            {
                Assert.True(list.Cast<object>().SequenceEqual(((IEnumerable)a!).Cast<object>()), p.Name);
            }
            else
            {
                Assert.True(Equals(e, a), $"{p.Name}: {e} != {a}");
            }
        }
    }
}
