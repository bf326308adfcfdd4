using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Host;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.IntegrationTests.Cluster;

/// <summary>
/// A Redis Cluster primary changing hands under a running ingest worker: a graceful <c>CLUSTER FAILOVER</c>, a
/// SIGKILLed primary, and a primary that comes back older than it was. In every case each customer's stored state
/// must end equal to the fold of all its events.
/// </summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterFailoverTests(ClusterServers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private LocalRedisCluster Cluster => servers.Cluster!;

    [Fact]
    public async Task A_replica_promoted_with_CLUSTER_FAILOVER_during_ingest_loses_no_event()
    {
        var (scope, events, expected) = Setup("failover", seed: 31);
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        var producing = Task.Run(() => CrashRecoveryTests.ProducePaced(scope, events, eventsPerSecond: 2_500));
        await WaitUntilIngestingAsync(scope, expected);

        var primary = Cluster.CurrentPrimaries().First(p => HasReplica(p));
        var replica = Cluster.ReplicaOf(primary);
        Assert.StartsWith("OK", LocalRedisCluster.Command(replica, "cluster", "failover"), StringComparison.Ordinal);
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(Cluster.CurrentPrimaries().Contains(replica)), TimeSpan.FromSeconds(30));

        await producing;
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_primary_killed_during_ingest_is_replaced_by_its_replica_and_no_event_is_lost()
    {
        var (scope, events, expected) = Setup("killed-primary", seed: 37);
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        var producing = Task.Run(() => CrashRecoveryTests.ProducePaced(scope, events, eventsPerSecond: 2_500));
        await WaitUntilIngestingAsync(scope, expected);

        var primary = Cluster.CurrentPrimaries().First(p => HasReplica(p));
        var replica = Cluster.ReplicaOf(primary);
        LocalRedisCluster.Kill(primary);
        // The others mark it failed after cluster-node-timeout and its replica wins the election.
        await CrashRecoveryTests.WaitUntilAsync(() => Task.FromResult(Cluster.CurrentPrimaries().Contains(replica)), TimeSpan.FromSeconds(30));
        Cluster.WaitUntilHealthy(TimeSpan.FromSeconds(30));

        await producing;
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    /// <summary>
    /// The deterministic form of a failover that lost acknowledged writes: one primary's keys are put back as they were
    /// two phases ago (DUMP then RESTORE, the keys created since deleted), exactly what a replica promoted while behind
    /// would hold. That primary's copy of each partition's watermark goes back with it, so ingest notices and re-reads.
    /// With one watermark per partition on some other primary, this primary's customers would silently miss phase 2.
    /// </summary>
    [Fact]
    public async Task A_primary_that_comes_back_older_than_it_was_is_noticed_and_its_customers_are_replayed()
    {
        var (scope, events, expected) = Setup("older-primary", seed: 41);
        var (phase1, phase2, phase3) = (events[..(events.Count * 2 / 5)], events[(events.Count * 2 / 5)..(events.Count * 7 / 10)], events[(events.Count * 7 / 10)..]);
        var primary = Cluster.CurrentPrimaries()[0];
        var server = servers.Connection.GetServer("127.0.0.1", primary.Port);
        var db = servers.Connection.GetDatabase();

        Dictionary<string, byte[]> before;
        await using (var engine = scope.BuildEngine(AppMode.Ingest))
        {
            await engine.StartAsync();
            scope.Produce(phase1);
            Assert.Empty(await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(phase1), s_timeout));
            before = await DumpAsync(server, db, scope.KeyPrefix);
            scope.Produce(phase2);
            Assert.Empty(await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates([.. phase1, .. phase2]), s_timeout));
            await engine.StopAsync();
        }

        Assert.Contains(before.Keys, k => k.Contains(":{wm:", StringComparison.Ordinal));
        await RestoreAsync(server, db, scope.KeyPrefix, before);
        Assert.NotEmpty(await scope.MismatchesAsync(TestScope.ExpectedStates([.. phase1, .. phase2])));

        await using (var engine = scope.BuildEngine(AppMode.Ingest))
        {
            await engine.StartAsync();
            scope.Produce(phase3);
            var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
            Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
            await engine.StopAsync();
        }
    }

    private (TestScope Scope, List<CustomerEvent> Events, Dictionary<string, CustomerState> Expected) Setup(string name, int seed)
    {
        Cluster.WaitUntilHealthy(TimeSpan.FromSeconds(30));
        var scope = servers.NewScope(name);
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 300, Seed = seed, IncludeCatalog = false }).ToList();
        return (scope, events, TestScope.ExpectedStates(events));
    }

    private bool HasReplica(LocalRedisServer primary) =>
        Cluster.Nodes.Any(n => n != primary && LocalRedisCluster.IsAlive(n) && LocalRedisCluster.Info(n, "replication").Contains($"master_port:{primary.Port}\r\n", StringComparison.Ordinal));

    // Some states written, not all: the failover then happens with ingest in flight.
    private static Task WaitUntilIngestingAsync(TestScope scope, Dictionary<string, CustomerState> expected) =>
        CrashRecoveryTests.WaitUntilAsync(async () => (await scope.MismatchesAsync(expected)).Count < expected.Count * 9 / 10, TimeSpan.FromSeconds(60));

    private static async Task<Dictionary<string, byte[]>> DumpAsync(IServer server, IDatabase db, string prefix)
    {
        var dumps = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
        {
            if (await db.KeyDumpAsync(key) is { } dump)
            {
                dumps[key!] = dump;
            }
        }

        return dumps;
    }

    private static async Task RestoreAsync(IServer server, IDatabase db, string prefix, Dictionary<string, byte[]> dumps)
    {
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
        {
            await db.KeyDeleteAsync(key);
        }

        foreach (var (key, dump) in dumps)
        {
            await db.KeyRestoreAsync(key, dump);
        }
    }
}
