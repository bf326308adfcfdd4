using Realtime.Core.Simulation;
using Realtime.Host;
using Realtime.Kafka;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class ConsumerGroupTests(Servers servers)
{
    [Fact]
    public async Task Two_workers_split_the_partitions_and_when_one_leaves_the_other_takes_over_exactly()
    {
        var scope = servers.NewScope("group");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 300, Seed = 9, IncludeCatalog = false }).ToList();
        var expected = TestScope.ExpectedStates(events);
        var half = events.Count / 2;

        await using var first = scope.BuildEngine(AppMode.Ingest);
        await using var second = scope.BuildEngine(AppMode.Ingest);
        await first.StartAsync();
        await second.StartAsync();
        var firstStatus = first.Services.GetRequiredService<IngestStatus>();
        var secondStatus = second.Services.GetRequiredService<IngestStatus>();
        await CrashRecoveryTests.WaitUntilAsync(
            () => Task.FromResult(firstStatus.AssignedPartitions.Count > 0 && secondStatus.AssignedPartitions.Count > 0 && firstStatus.AssignedPartitions.Count + secondStatus.AssignedPartitions.Count == 4),
            TimeSpan.FromSeconds(30));
        Assert.Empty(firstStatus.AssignedPartitions.Intersect(secondStatus.AssignedPartitions));

        scope.Produce(events.Take(half));
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(firstStatus.CommittedEvents + secondStatus.CommittedEvents >= half), TimeSpan.FromSeconds(60));
        Assert.True(firstStatus.CommittedEvents > 0 && secondStatus.CommittedEvents > 0, "both members should have processed events");

        await first.StopAsync();
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(secondStatus.AssignedPartitions.Count == 4), TimeSpan.FromSeconds(30));
        scope.Produce(events.Skip(half));

        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(90));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await second.StopAsync();
    }
}
