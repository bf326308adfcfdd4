using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Core.State;

namespace Realtime.Core.Tests.State;

public sealed class StateCodecTests
{
    // A version-1 encoding written by the first release (a customer with one order of 42.5 for p1 in "shoes",
    // registered via "email"). Later builds must keep decoding it: never change this constant, add new ones.
    private const string Version1Golden =
        "0180a0d5edee6680a0d5edee6680a0d5edee660a656d61696c01000000000000144002000000000040454080a0d5edee6680" +
        "a0d5edee660280a0d5edee6600000000000000000000000000000000020a73686f657302000000000000144080a0d5edee66" +
        "020470310a73686f65730280a0d5edee6680a0d5edee66000000000000000000000000000004d50c02864cef63afbef60186" +
        "4ce263af";

    [Fact]
    public void Encode_then_decode_round_trips_every_field()
    {
        foreach (var state in SimulatedStates(300))
        {
            var bytes = StateCodec.Encode(state);
            var decoded = StateCodec.Decode(state.CustomerId, bytes);
            Assert.Equal(bytes, StateCodec.Encode(decoded));
            Assert.Equal(state.OrderCount, decoded.OrderCount);
            Assert.Equal(state.NetRevenue, decoded.NetRevenue);
            Assert.Equal(state.Cart, decoded.Cart);
        }
    }

    [Fact]
    public void Simulated_customers_encode_well_under_one_kilobyte_on_average()
    {
        var sizes = SimulatedStates(500).Select(s => StateCodec.Encode(s).Length).ToList();
        Assert.True(sizes.Average() < 1024, $"average {sizes.Average()} bytes");
        Assert.True(sizes.Max() <= StateLimits.MaxEncodedBytes);
    }

    [Fact]
    public void Truncated_or_unknown_versions_are_refused_with_a_format_error()
    {
        var bytes = StateCodec.Encode(SimulatedStates(5).First());
        Assert.Throws<FormatException>(() => StateCodec.Decode("c", bytes.AsSpan(0, bytes.Length / 2)));
        bytes[0] = 99;
        Assert.Throws<FormatException>(() => StateCodec.Decode("c", bytes));
    }

    [Fact]
    public void State_written_by_version_one_still_loads()
    {
        var decoded = StateCodec.Decode("golden", Convert.FromHexString(Version1Golden));
        Assert.Equal(1, decoded.OrderCount);
        Assert.Equal(42.5, decoded.GrossRevenue);
        Assert.Equal("email", decoded.AcquisitionChannel);
        Assert.Equal(5, decoded.AcquisitionCost);
        Assert.Equal("p1", decoded.Purchased.Single().ProductId);
        Assert.Equal("shoes", decoded.Categories.Single().Category);
    }

    // The same golden customer in version 2 (times relative to the last activity, amounts in cents, interned strings).
    private const string Version2Golden =
        "0280a0d5edee6601010b656d61696c00d00f02e8840101010201000000000000000000020b73686f65730200000000000014" +
        "40010205703104020101000000000000000000000000000004d50c02864cef63afbef601864ce263af";

    [Fact]
    public void State_written_by_version_two_still_loads_with_no_remembered_orders()
    {
        var decoded = StateCodec.Decode("golden", Convert.FromHexString(Version2Golden));
        Assert.Equal(StateCodec.Encode(GoldenState()), StateCodec.Encode(decoded));
        Assert.Equal(42.5, decoded.GrossRevenue);
        Assert.Empty(decoded.RecentOrders);
    }

    // Version 3: the golden customer plus order "o2" of 10 with 4 refunded (version 2's layout, then the remembered orders).
    private const string Version3Golden =
        "038080bb92f06681e0e5a40181e0e5a4010b656d61696c00d00f0488a40181e0e5a40181f0b2520481e0e5a40180f0b25202" +
        "c00c01000000000000020b73686f657302000000000000144081e0e5a40102057031040281e0e5a401010000000000000000" +
        "00000000000008d50c02864cef63afbef601864ce263afe4ef55b50714b00885ec7bb50786dc0802e4ef55b50714b008a01f" +
        "c00c";

    // Version 4: the version 3 golden customer plus a birthday, a country and an email digest.
    private const string Version4Golden =
        "048080bb92f06681e0e5a40181e0e5a4010b656d61696c00d00f0488a40181e0e5a40181f0b2520481e0e5a40180f0b25202" +
        "c00c01000000000000020b73686f657302000000000000144081e0e5a40102057031040281e0e5a401010000000000000000" +
        "00000000000008d50c02864cef63afbef601864ce263afe4ef55b50714b00885ec7bb50786dc0802e4ef55b50714b008a01f" +
        "c00c9013044e4c010123456789abcdef00112233445566778899aabbccddeeff0f1e2d3c4b5a6978";

    [Fact]
    public void The_current_version_still_writes_the_version_four_layout_for_the_golden_customer()
    {
        // Fails when the layout changes without a version bump: bump CurrentVersion and add a new golden instead.
        Assert.Equal(Version4Golden, Convert.ToHexString(StateCodec.Encode(GoldenStateWithContactFields())).ToLowerInvariant());
    }

    [Fact]
    public void State_written_by_version_three_has_no_contact_fields()
    {
        var decoded = StateCodec.Decode("golden", Convert.FromHexString(Version3Golden));
        Assert.Equal(0, decoded.BirthdayMonthDay);
        Assert.Null(decoded.Country);
        Assert.Null(decoded.EmailSha256);
        Assert.Equal(StateCodec.Encode(GoldenStateWithRefundedOrder()), StateCodec.Encode(decoded));
    }

    [Fact]
    public void State_written_by_version_four_keeps_its_contact_fields()
    {
        var decoded = StateCodec.Decode("golden", Convert.FromHexString(Version4Golden));
        Assert.Equal(1224, decoded.BirthdayMonthDay);
        Assert.Equal("NL", decoded.Country);
        Assert.Equal(GoldenDigest, decoded.EmailSha256);
        Assert.Single(decoded.RecentOrders);
    }

    private const string GoldenDigest = "0123456789abcdef00112233445566778899aabbccddeeff0f1e2d3c4b5a6978";

    private static CustomerState GoldenStateWithContactFields()
    {
        var s = GoldenStateWithRefundedOrder();
        s.BirthdayMonthDay = 1224;
        s.Country = "NL";
        s.EmailSha256 = GoldenDigest;
        return s;
    }

    [Fact]
    public void State_written_by_version_three_keeps_its_remembered_orders()
    {
        var decoded = StateCodec.Decode("golden", Convert.FromHexString(Version3Golden));
        var order = Assert.Single(decoded.RecentOrders);
        Assert.Equal(StableHash.Of("o2"), order.IdHash);
        Assert.Equal(10, order.Amount);
        Assert.Equal(4, order.Refunded);
        Assert.Equal(48.5, decoded.NetRevenue);
    }

    [Fact]
    public void A_version_one_state_rewritten_as_version_two_keeps_every_value()
    {
        var v1 = StateCodec.Decode("golden", Convert.FromHexString(Version1Golden));
        var v2 = StateCodec.Decode("golden", StateCodec.Encode(v1));
        Assert.Equal(StateCodec.Encode(v1), StateCodec.Encode(v2));
        Assert.Equal(StateCodec.Encode(GoldenState()), StateCodec.Encode(v2));
        Assert.Equal(v1.LastOrderMs, v2.LastOrderMs);
        Assert.Equal(v1.Purchased, v2.Purchased);
        Assert.Equal(v1.Categories, v2.Categories);
    }

    [Theory]
    [InlineData(0.30000000000000004)]
    [InlineData(-0.0)]
    [InlineData(123.456)]
    [InlineData(1e15)]
    [InlineData(double.Epsilon)]
    [InlineData(59.9)]
    [InlineData(-12.34)]
    public void Amounts_round_trip_bit_for_bit_whether_or_not_they_are_whole_cents(double amount)
    {
        var s = GoldenState();
        s.GrossRevenue = amount;
        s.ReturnedAmount = amount;
        s.AcquisitionCost = amount;
        var decoded = StateCodec.Decode(s.CustomerId, StateCodec.Encode(s));
        Assert.Equal(BitConverter.DoubleToInt64Bits(amount), BitConverter.DoubleToInt64Bits(decoded.GrossRevenue));
        Assert.Equal(BitConverter.DoubleToInt64Bits(amount), BitConverter.DoubleToInt64Bits(decoded.ReturnedAmount));
        Assert.Equal(BitConverter.DoubleToInt64Bits(amount), BitConverter.DoubleToInt64Bits(decoded.AcquisitionCost));
    }

    [Fact]
    public void Times_before_the_last_activity_and_out_of_order_purchases_round_trip()
    {
        var s = GoldenState();
        s.Purchased.Insert(0, new PurchasedItem("p2", null, 2, s.LastSeenMs + 5_000, s.LastSeenMs - 86_400_000));
        s.RecentOrderMs.Insert(0, 1);
        s.LastReturnMs = s.LastSeenMs + 1;
        var decoded = StateCodec.Decode(s.CustomerId, StateCodec.Encode(s));
        Assert.Equal(s.Purchased, decoded.Purchased);
        Assert.Equal(s.RecentOrderMs, decoded.RecentOrderMs);
        Assert.Equal(s.LastReturnMs, decoded.LastReturnMs);
    }

    private static CustomerState GoldenState()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var s = new CustomerState("golden");
        CustomerFold.Apply(s, new CustomerEvent { EventId = "r", Type = EventType.CustomerRegistered, CustomerId = "golden", OccurredAt = at, Channel = "email", AcquisitionCost = 5 });
        CustomerFold.Apply(s, new CustomerEvent { EventId = "o", Type = EventType.OrderPlaced, CustomerId = "golden", OccurredAt = at, Amount = 42.5, Lines = [new OrderLine("p1", "shoes", 1, 42.5)] });
        return s;
    }

    private static CustomerState GoldenStateWithRefundedOrder()
    {
        var at = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var s = GoldenState();
        CustomerFold.Apply(s, new CustomerEvent { EventId = "o2", Type = EventType.OrderPlaced, CustomerId = "golden", OccurredAt = at, OrderId = "o2", Amount = 10 });
        CustomerFold.Apply(s, new CustomerEvent { EventId = "r2", Type = EventType.OrderReturned, CustomerId = "golden", OccurredAt = at.AddDays(1), OrderId = "o2", Amount = 4 });
        return s;
    }

    internal static IEnumerable<CustomerState> SimulatedStates(int customers)
    {
        var states = new Dictionary<string, CustomerState>();
        foreach (var e in StoreSimulator.Generate(new SimulationOptions { Customers = customers, IncludeCatalog = false }))
        {
            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(s, e);
        }

        return states.Values;
    }
}
