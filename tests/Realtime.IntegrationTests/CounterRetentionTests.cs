using Realtime.Core.Lifecycle.Insights;
using Realtime.Host;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.IntegrationTests;

/// <summary><c>Lifecycle:CounterRetentionDays</c> is enforced: an ingest process drops dated counters past it, and only those.</summary>
[Collection(ServersCollection.Name)]
public sealed class CounterRetentionTests(Servers servers)
{
    [Fact]
    public async Task An_ingest_process_deletes_dated_summary_counters_older_than_the_retention_and_keeps_the_rest()
    {
        var scope = servers.NewScope("counter-retention");
        var settings = scope.Settings;
        settings["Lifecycle:CounterRetentionDays"] = "400";
        var counters = new RedisLifecycleCounters(servers.Connection, new RedisKeys(scope.KeyPrefix), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        string[] expired = [CounterKeys.Orders(CounterKeys.Day(now.AddDays(-401))), CounterKeys.FirstOrderRevenue(CounterKeys.Day(now.AddDays(-500))), CounterKeys.NewCustomers(CounterKeys.Week(now.AddDays(-420)))];
        string[] kept = [CounterKeys.Orders(CounterKeys.Day(now.AddDays(-399))), CounterKeys.NewCustomers(CounterKeys.Week(now)), CounterKeys.Customers, "seg:hero", "rfm:r:450"];
        var db = servers.Connection.GetDatabase();
        // One shard and the pre-shard hash: retention reaches both.
        string[] hashes = [counters.Keys[3], counters.Keys[^1]];
        foreach (var hash in hashes)
        {
            await db.HashSetAsync(hash, expired.Concat(kept).Select(k => new HashEntry(k, 1)).ToArray());
        }

        await using var engine = RealtimeApp.Build([], AppMode.Ingest, settings);
        await engine.StartAsync();
        await CrashRecoveryTests.WaitUntilAsync(async () => !(await db.HashKeysAsync(hashes[0])).Concat(await db.HashKeysAsync(hashes[1])).Any(k => expired.Contains((string)k!)), TimeSpan.FromSeconds(20));
        await engine.StopAsync();

        foreach (var hash in hashes)
        {
            var remaining = (await db.HashKeysAsync(hash)).Select(k => (string)k!).Order(StringComparer.Ordinal);
            Assert.Equal(kept.Order(StringComparer.Ordinal), remaining);
        }
    }
}
