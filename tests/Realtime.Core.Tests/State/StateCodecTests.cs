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

    [Fact]
    public void The_current_version_still_writes_the_version_one_layout_for_the_golden_customer()
    {
        // Fails when the layout changes without a version bump: bump CurrentVersion and add a new golden instead.
        Assert.Equal(Version1Golden, Convert.ToHexString(StateCodec.Encode(GoldenState())).ToLowerInvariant());
    }

    private static CustomerState GoldenState()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var s = new CustomerState("golden");
        CustomerFold.Apply(s, new CustomerEvent { EventId = "r", Type = EventType.CustomerRegistered, CustomerId = "golden", OccurredAt = at, Channel = "email", AcquisitionCost = 5 });
        CustomerFold.Apply(s, new CustomerEvent { EventId = "o", Type = EventType.OrderPlaced, CustomerId = "golden", OccurredAt = at, Amount = 42.5, Lines = [new OrderLine("p1", "shoes", 1, 42.5)] });
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
