using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Simulation;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// The CLV refit over real Redis: simulated customers' states are stored, one refit runs through the hosted service's
/// code path (lease included), the fitted parameters land at <c>&lt;prefix&gt;:clv:model</c>, and the profile's CLV
/// switches from the fallback to the fitted model.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ClvModelRefitTests(Servers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_refit_on_the_stored_customers_is_stored_and_the_profile_then_uses_the_fitted_model()
    {
        var scope = servers.NewScope("clv-refit");
        var sim = new SimulationOptions { Customers = 1000, Seed = 31, IncludeCatalog = false };
        var states = TestScope.ExpectedStates(StoreSimulator.Generate(sim));
        var written = await scope.Store.SaveAsync(states.Values.ToList(), CancellationToken.None);
        Assert.All(written, Assert.True);
        var buyers = states.Values.Count(s => s.OrderCount > 0);
        var repeatBuyer = states.Values.First(s => s.OrderCount >= 3).CustomerId;

        var now = sim.Start + sim.Span + TimeSpan.FromDays(1);
        var settings = scope.Settings;
        settings["Lifecycle:ClvFit:MinCustomers"] = "100";
        await using var engine = RealtimeApp.Build([], AppMode.All, settings, new FakeTimeProvider(now));
        var evaluator = engine.Services.GetRequiredService<LifecycleEvaluator>();
        Assert.Equal(ClvMethod.Fallback, evaluator.Clv(states[repeatBuyer], now).Method);

        // What ClvFitService runs every interval: lease, scan, fit, check, store.
        var fitter = engine.Services.GetRequiredService<ClvModelFitter>();
        var options = engine.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value.ClvFit;
        var outcome = await fitter.RunAsync(now, options, takeLease: true, CancellationToken.None);
        Assert.True(outcome.Status == ClvFitStatus.Stored, $"{outcome.Status}: {outcome.Reason}");
        Assert.Equal(states.Count, outcome.Scanned);
        Assert.Equal(buyers, outcome.Buyers);
        Assert.Equal(ClvFitStatus.LeaseHeld, (await fitter.RunAsync(now, options, takeLease: true, CancellationToken.None)).Status);

        using (var stored = JsonDocument.Parse((string)(await servers.Connection.GetDatabase().StringGetAsync($"{scope.KeyPrefix}:clv:model"))!))
        {
            var root = stored.RootElement;
            foreach (var name in new[] { "r", "alpha", "a", "b", "p", "q", "gamma" })
            {
                var value = root.GetProperty(name).GetDouble();
                Assert.True(double.IsFinite(value) && value > 0, $"{name} = {value}");
            }

            Assert.Equal(buyers, root.GetProperty("customers").GetInt32());
            Assert.Equal(now, root.GetProperty("fitted_at").GetDateTimeOffset());
            Assert.True(root.GetProperty("converged").GetBoolean());
            Assert.True(double.IsFinite(root.GetProperty("bgnbd_log_likelihood").GetDouble()));
        }

        // Another instance's cached source picks the stored model up within its refresh.
        var elsewhere = new RedisClvModelStore(servers.Connection, new RedisKeys(scope.KeyPrefix), TimeProvider.System);
        Assert.True(await PollAsync(() => Task.FromResult(elsewhere.Current.BgNbd is not null)), "another instance never saw the stored model");

        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new CustomerService.CustomerServiceClient(channel);
        Clv? clv = null;
        Assert.True(
            await PollAsync(async () => (clv = (await client.GetProfileAsync(new GetProfileRequest { CustomerId = repeatBuyer })).Clv).Method == "model"),
            $"profile CLV method stayed {clv?.Method}");
        Assert.True(double.IsFinite(clv!.Predicted) && clv.Predicted > 0);
        Assert.InRange(clv.PAlive, 0, 1);
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_stored_model_that_fails_the_check_is_ignored_and_the_fallback_stays()
    {
        var scope = servers.NewScope("clv-refused");
        var keys = new RedisKeys(scope.KeyPrefix);
        var fitted = new ClvModelFit(new BgNbdParameters(0.5, 20, 0.8, 2.5), null, DateTimeOffset.UnixEpoch, 1000, 0, -5000, null, Converged: true);
        var writer = new RedisClvModelStore(servers.Connection, keys, TimeProvider.System);
        await writer.SaveAsync(fitted with { Converged = false }, CancellationToken.None);
        Assert.Same(ClvModel.None, writer.Current);

        var reader = new RedisClvModelStore(servers.Connection, keys, TimeProvider.System);
        Assert.NotNull(await reader.ReadAsync(CancellationToken.None));
        // Nothing to wait for when it works: watch a few refresh attempts' worth of time that it never switches.
        var switched = await PollAsync(() => Task.FromResult(reader.Current != ClvModel.None), TimeSpan.FromSeconds(1));
        Assert.False(switched, "a refused fit was served");

        // The same parameters, converged, are served.
        await writer.SaveAsync(fitted, CancellationToken.None);
        Assert.Equal(fitted.BgNbd, writer.Current.BgNbd);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? s_timeout);
        do
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }
}
