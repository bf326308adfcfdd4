using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Grpc.V1;
using Realtime.Host;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public class IngestEndToEndTests(Servers servers)
{
    [Fact]
    public async Task Events_from_a_separate_producer_end_up_in_redis_exactly_as_the_fold_computes_them()
    {
        var scope = servers.NewScope("e2e");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 250, Seed = 11 }).ToList();
        var expected = TestScope.ExpectedStates(events);
        Assert.True(events.Count(e => e.Type != EventType.ProductUpserted) >= 5_000, $"only {events.Count} events");
        Assert.True(expected.Count >= 200);

        await using var engine = scope.BuildEngine(AppMode.All);
        await engine.StartAsync();
        scope.Produce(events);

        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(90));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));

        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new CustomerService.CustomerServiceClient(channel);
        foreach (var (id, state) in expected.Take(25))
        {
            var profile = await client.GetProfileAsync(new GetProfileRequest { CustomerId = id });
            Assert.Equal(state.OrderCount, profile.Orders.Count);
            Assert.Equal(state.NetRevenue, profile.Orders.NetRevenue);
            Assert.Equal(state.Cart.Count, profile.Cart.Items.Count);
            Assert.Equal(state.RecentItems.Select(r => r.ProductId), profile.RecentItems.Select(r => r.ProductId));
            Assert.Equal(state.AcquisitionChannel ?? string.Empty, profile.Acquisition.Channel);
            Assert.Equal(state.EmailOpens, profile.Engagement.EmailOpens);
        }

        await engine.StopAsync();
    }

    [Fact]
    public async Task The_same_event_sent_twice_at_different_offsets_is_applied_once()
    {
        var scope = servers.NewScope("dup");
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var order = new CustomerEvent { EventId = "order-1", Type = EventType.OrderPlaced, CustomerId = "dup1", OccurredAt = at, Amount = 80, Lines = [new OrderLine("p1", "shoes", 1, 80)] };
        var view = new CustomerEvent { EventId = "view-1", Type = EventType.ProductViewed, CustomerId = "dup1", OccurredAt = at.AddMinutes(1), ProductId = "p2" };

        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        scope.Produce([order, order, view, order]);

        var expected = TestScope.ExpectedStates([order, view]);
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        var stored = await scope.Store.GetAsync("dup1", CancellationToken.None);
        Assert.Equal(1, stored!.OrderCount);
        Assert.Equal(80, stored.GrossRevenue);
        await engine.StopAsync();
    }
}
