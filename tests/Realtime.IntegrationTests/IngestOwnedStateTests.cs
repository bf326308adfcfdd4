using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Host;
using Realtime.Kafka;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

/// <summary>
/// The worker's owner-local state cache (issue 15): consecutive batches of the same customers fold on each other's
/// results, and a held state never hides what the store holds (another writer, an erasure, a partition that moved).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class IngestOwnedStateTests(Servers servers)
{
    private static readonly DateTimeOffset s_at = DateTimeOffset.UtcNow.AddDays(-2);

    [Fact]
    public async Task Customers_spread_over_many_small_batches_end_with_the_fold_of_all_their_events()
    {
        var scope = servers.NewScope("owned-order");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 40, Seed = 21, IncludeCatalog = false }).ToList();
        var expected = TestScope.ExpectedStates(events);
        var settings = scope.Settings;
        settings["Kafka:MaxBatchSize"] = "7"; // every customer's events land in many consecutive batches

        await using var engine = RealtimeApp.Build([], AppMode.Ingest, settings);
        await engine.StartAsync();
        scope.Produce(events);

        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_state_another_writer_moved_on_is_reloaded_not_overwritten_from_the_held_copy()
    {
        var scope = servers.NewScope("owned-cas");
        var before = Views("x1", 3, "a");
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        scope.Produce(before);
        var held = await WaitForOffsetAsync(scope, "x1", minimum: 2);

        // Another writer (a zombie's successor) applied the next offset of the partition: an order this worker never saw.
        var marker = Order("x1", "other-writer-order");
        var moved = held.Clone();
        CustomerFold.Apply(moved, marker);
        moved.LastOffset = held.LastOffset + 1;
        Assert.True((await scope.Store.SaveAsync([moved], CancellationToken.None))[0]);

        // Offset +1 is the one the other writer already applied (redelivered); +2 is new.
        var after = Views("x1", 2, "b");
        scope.Produce(after);
        await WaitForOffsetAsync(scope, "x1", minimum: held.LastOffset + 2);

        var expected = TestScope.ExpectedStates([.. before, marker, after[1]]);
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, "the held state overwrote the other writer's: " + TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    [Fact]
    public async Task An_erased_customer_is_not_brought_back_from_the_held_copy()
    {
        var scope = servers.NewScope("owned-erase");
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        scope.Produce([Order("e1", "before-erasure"), .. Views("e1", 2, "a")]);
        var held = await WaitForOffsetAsync(scope, "e1", minimum: 2);
        Assert.Equal(1, held.OrderCount);

        Assert.True(await scope.Store.DeleteAsync("e1", CancellationToken.None));
        var afterErasure = Views("e1", 1, "b");
        scope.Produce(afterErasure);
        await WaitForOffsetAsync(scope, "e1", minimum: 3);

        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(afterErasure), TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, "the erased history came back: " + TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_worker_that_gets_its_partitions_back_sees_what_the_other_worker_wrote_meanwhile()
    {
        var scope = servers.NewScope("owned-revoke");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 120, Seed = 5, IncludeCatalog = false }).ToList();
        var expected = TestScope.ExpectedStates(events);
        var third = events.Count / 3;

        await using var first = scope.BuildEngine(AppMode.Ingest);
        await first.StartAsync();
        var firstStatus = first.Services.GetRequiredService<IngestStatus>();
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(firstStatus.AssignedPartitions.Count == 4), TimeSpan.FromSeconds(60));
        scope.Produce(events.Take(third)); // the first worker holds every customer's state now
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(firstStatus.CommittedEvents >= third), TimeSpan.FromSeconds(120));

        await using (var second = scope.BuildEngine(AppMode.Ingest))
        {
            await second.StartAsync();
            var secondStatus = second.Services.GetRequiredService<IngestStatus>();
            await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(secondStatus.AssignedPartitions.Count > 0 && firstStatus.AssignedPartitions.Count + secondStatus.AssignedPartitions.Count == 4), TimeSpan.FromSeconds(60));
            var committedBefore = secondStatus.CommittedEvents;
            scope.Produce(events.Skip(third).Take(third)); // the second worker writes its partitions' customers
            await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(secondStatus.CommittedEvents > committedBefore && firstStatus.CommittedEvents + secondStatus.CommittedEvents >= 2 * third), TimeSpan.FromSeconds(120));
            await second.StopAsync();
        }

        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(firstStatus.AssignedPartitions.Count == 4), TimeSpan.FromSeconds(60));
        scope.Produce(events.Skip(2 * third)); // the first worker again, on states the second one moved on

        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(90));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await first.StopAsync();
    }

    private static List<CustomerEvent> Views(string customer, int count, string tag) =>
        [.. Enumerable.Range(0, count).Select(i => new CustomerEvent
        {
            EventId = $"{customer}-view-{tag}-{i}",
            Type = EventType.ProductViewed,
            CustomerId = customer,
            OccurredAt = s_at.AddMinutes(i + (tag == "a" ? 0 : 100)),
            ProductId = $"p{i}",
        })];

    private static CustomerEvent Order(string customer, string id) => new()
    {
        EventId = id,
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = s_at.AddMinutes(50),
        Amount = 40,
        Lines = [new OrderLine("p9", "shoes", 1, 40)],
    };

    private static async Task<CustomerState> WaitForOffsetAsync(TestScope scope, string customer, long minimum)
    {
        CustomerState? state = null;
        await CrashRecoveryTests.WaitUntilAsync(
            async () => (state = await scope.Store.GetAsync(customer, CancellationToken.None)) is { } s && s.LastOffset >= minimum,
            TimeSpan.FromSeconds(30));
        return state!;
    }
}
