using Realtime.Core.Triggers;
using Realtime.Redis;

namespace Realtime.IntegrationTests.Triggers;

[Collection(ServersCollection.Name)]
public sealed class TriggerErasureTests(Servers servers)
{
    [Fact]
    public async Task Forgetting_a_customer_deletes_its_trigger_log_with_its_state()
    {
        var scope = servers.NewScope("trigforget");
        var triggers = new RedisTriggerStore(servers.Connection, new RedisTriggerKeys(scope.KeyPrefix));
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await triggers.AddPendingAsync(["f1"], new PendingTrigger(TriggerType.PriceDrop, "lamp", "garden", now.ToUnixTimeMilliseconds(), 100, 80), now, CancellationToken.None);
        Assert.Single((await triggers.LoadLogsAsync(["f1"], CancellationToken.None))["f1"].Pending);

        await scope.Store.DeleteAsync("f1", CancellationToken.None);

        Assert.Empty((await triggers.LoadLogsAsync(["f1"], CancellationToken.None))["f1"].Pending);
    }
}
