using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// After a random event stream, the lifecycle counters equal a recount over the stored customers, and the lifecycle
/// APIs (profile, segment members, summary) answer from them.
/// </summary>
[Collection(ServersCollection.Name)]
public class LifecycleSummaryTests(Servers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly string[] s_verdicts = ["unknown", "losing_money", "thin", "healthy", "under_investing"];

    [Fact]
    public async Task Counters_equal_a_recount_over_all_customers_and_the_lifecycle_apis_answer()
    {
        var scope = servers.NewScope("recount");
        var sim = new SimulationOptions { Customers = 150, Seed = 23 };
        var events = StoreSimulator.Generate(sim).ToList();
        var expected = TestScope.ExpectedStates(events);

        // A fixed clock a day after the simulated history: the sweeper never finds anything newly due, so what is
        // stored is exactly what ingest wrote.
        var now = sim.Start + sim.Span + TimeSpan.FromDays(1);
        var clock = new FakeTimeProvider(now);
        await using var engine = scope.BuildEngine(AppMode.All, clock);
        await engine.StartAsync();
        scope.Produce(events);
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));

        var counters = new RedisLifecycleCounters(servers.Connection, new RedisKeys(scope.KeyPrefix), clock);
        var (recount, states) = await RecountAsync(scope);
        var differences = Differences(recount, await counters.ReadAllAsync(CancellationToken.None));
        var deadline = DateTime.UtcNow + s_timeout;
        while (differences.Count > 0 && DateTime.UtcNow < deadline)
        {
            // Counters are applied just after the state write: give the last batch its moment.
            await Task.Delay(100);
            differences = Differences(recount, await counters.ReadAllAsync(CancellationToken.None));
        }

        Assert.True(differences.Count == 0, string.Join("; ", differences.Take(10)));
        Assert.Equal(expected.Count, states.Count);
        Assert.All(states, s => Assert.NotEqual(0, s.SegmentMask));

        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        await ProfileHasLifecycleAsync(new CustomerService.CustomerServiceClient(channel), states.First(s => s.OrderCount >= 2));
        await SegmentMembersAreExactAsync(new CustomerService.CustomerServiceClient(channel), states, now);
        var summary = await new InsightsService.InsightsServiceClient(channel).GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
        Assert.Equal(recount[CounterKeys.Customers], summary.Customers);
        Assert.Equal(recount[CounterKeys.Buyers], summary.Buyers);
        Assert.All(summary.Segments, s => Assert.Equal(recount.GetValueOrDefault("seg:" + s.Segment), s.Customers));
        Assert.Equal([30, 90, 365], summary.ReturningRevenueShare.Select(r => r.Days));
        Assert.True(summary.ReturningRevenueShare[2].HasReturningShare);
        Assert.NotEmpty(summary.Channels);
        Assert.Equal(8, summary.Weeks.Count);
        Assert.False(string.IsNullOrEmpty(summary.Maturity.Stage));
        Assert.Contains(summary.Overall.Verdict, s_verdicts);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Forgetting_a_customer_erases_its_keys_and_its_share_of_the_summary()
    {
        var scope = servers.NewScope("forget");
        var sim = new SimulationOptions { Customers = 60, Seed = 31 };
        var events = StoreSimulator.Generate(sim).ToList();
        var expected = TestScope.ExpectedStates(events);
        var clock = new FakeTimeProvider(sim.Start + sim.Span + TimeSpan.FromDays(1));
        await using var engine = scope.BuildEngine(AppMode.All, clock);
        await engine.StartAsync();
        scope.Produce(events);
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        var counters = new RedisLifecycleCounters(servers.Connection, new RedisKeys(scope.KeyPrefix), clock);
        await CrashRecoveryTests.WaitUntilAsync(async () => StandingDifferences((await RecountAsync(scope)).Counts, await counters.ReadAllAsync(CancellationToken.None)).Count == 0, s_timeout);

        var victim = expected.Values.First(s => s.OrderCount >= 2).CustomerId;
        var customerKey = new RedisKeys(scope.KeyPrefix).Customer(victim);
        await servers.Connection.GetDatabase().StringSetAsync(customerKey + ":hx", "holdout record");
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new CustomerService.CustomerServiceClient(channel);
        Assert.True((await client.ForgetCustomerAsync(new ForgetCustomerRequest { CustomerId = victim })).Existed);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = victim }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.False(await servers.Connection.GetDatabase().KeyExistsAsync(customerKey + ":hx"));
        var (recount, states) = await RecountAsync(scope);
        Assert.Equal(expected.Count - 1, states.Count);
        var differences = StandingDifferences(recount, await counters.ReadAllAsync(CancellationToken.None));
        Assert.True(differences.Count == 0, string.Join("; ", differences.Take(10)));
        Assert.False((await client.ForgetCustomerAsync(new ForgetCustomerRequest { CustomerId = victim })).Existed);
        await engine.StopAsync();
    }

    /// <summary>Differences in the standing counters only: dated revenue flows are store history and survive an erasure.</summary>
    private static List<string> StandingDifferences(Dictionary<string, double> recount, IReadOnlyDictionary<string, double> counters) =>
        Differences(recount, counters).Where(d => !d.StartsWith("sum:", StringComparison.Ordinal)).ToList();

    /// <summary>The counters recomputed from scratch over every stored customer (only keys a recount can know).</summary>
    private static async Task<(Dictionary<string, double> Counts, List<CustomerState> States)> RecountAsync(TestScope scope)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string key, double value) => counts[key] = counts.GetValueOrDefault(key) + value;
        var states = new List<CustomerState>();
        await foreach (var page in scope.Store.ScanAsync(50, CancellationToken.None))
        {
            states.AddRange(page);
        }

        double orders = 0;
        double revenue = 0;
        foreach (var s in states)
        {
            Add(CounterKeys.Customers, 1);
            Add(CounterKeys.Buyers, s.OrderCount > 0 ? 1 : 0);
            foreach (var seg in SegmentSet.FromMask(s.SegmentMask).ToList())
            {
                Add(CounterKeys.Segment(seg), 1);
            }

            var channel = CounterKeys.Channel(s.AcquisitionChannel);
            Add(CounterKeys.ChannelMeasure(channel, "customers"), 1);
            Add(CounterKeys.ChannelMeasure(channel, "revenue"), s.NetRevenue);
            Add(CounterKeys.ChannelMeasure(channel, "cac"), s.AcquisitionCost);
            Add(CounterKeys.ChannelMeasure(channel, "clv"), s.CountedClv);
            if (RfmMetrics.From(s) is { } rfm)
            {
                Add(CounterKeys.RfmFrequency(rfm.FrequencyBucket), 1);
                Add(CounterKeys.RfmMonetary(rfm.MonetaryBucket), 1);
                Add(CounterKeys.RfmRecency(rfm.LastOrderDay), 1);
            }

            orders += s.OrderCount;
            revenue += s.NetRevenue;
        }

        foreach (var seg in SegmentNames.All)
        {
            Add(CounterKeys.Segment(seg), 0);
        }

        // Dated flows, summed over all days: every order counted once, and first + repeat revenue = net revenue.
        counts["sum:orders"] = orders;
        counts["sum:revenue"] = revenue;
        return (counts, states);
    }

    private static List<string> Differences(Dictionary<string, double> recount, IReadOnlyDictionary<string, double> counters)
    {
        var actual = new Dictionary<string, double>(counters, StringComparer.Ordinal)
        {
            ["sum:orders"] = counters.Where(kv => kv.Key.StartsWith("orders:", StringComparison.Ordinal)).Sum(kv => kv.Value),
            ["sum:revenue"] = counters.Where(kv => kv.Key.StartsWith("rev:", StringComparison.Ordinal)).Sum(kv => kv.Value),
        };
        var diffs = recount
            .Where(kv => Math.Abs(kv.Value - actual.GetValueOrDefault(kv.Key)) > 1e-6 * Math.Max(1, Math.Abs(kv.Value)))
            .Select(kv => $"{kv.Key}: recount {kv.Value}, counter {actual.GetValueOrDefault(kv.Key)}")
            .ToList();
        diffs.AddRange(actual
            .Where(kv => (kv.Key.StartsWith("seg:", StringComparison.Ordinal) || kv.Key.StartsWith("rfm:", StringComparison.Ordinal))
                && !recount.ContainsKey(kv.Key) && Math.Abs(kv.Value) > 1e-9)
            .Select(kv => $"{kv.Key}: recount 0, counter {kv.Value}"));
        return diffs;
    }

    private static async Task ProfileHasLifecycleAsync(CustomerService.CustomerServiceClient client, CustomerState state)
    {
        var profile = await client.GetProfileAsync(new GetProfileRequest { CustomerId = state.CustomerId });
        Assert.NotEmpty(profile.Segments);
        Assert.Equal(profile.LifecycleStage, profile.Segments[0]);
        Assert.InRange(profile.Rfm.RecencyScore, 1, 5);
        Assert.InRange(profile.Rfm.FrequencyScore, 1, 5);
        Assert.InRange(profile.Rfm.MonetaryScore, 1, 5);
        Assert.Equal(state.OrderCount, profile.Rfm.Orders);
        Assert.Equal(state.NetRevenue, profile.Clv.Historical, 6);
        Assert.Equal("fallback", profile.Clv.Method);
        Assert.Equal(365, profile.Clv.HorizonDays);
        Assert.True(profile.Clv.Predicted >= 0);
    }

    private static async Task SegmentMembersAreExactAsync(CustomerService.CustomerServiceClient client, List<CustomerState> states, DateTimeOffset now)
    {
        var options = new LifecycleOptions();

        // Segments that do not depend on the RFM population, so the test can evaluate them on its own.
        foreach (var segment in new[] { Segment.AtRisk, Segment.Inactive, Segment.CartAbandoner, Segment.New })
        {
            var expected = states.Where(s => SegmentEvaluator.Evaluate(s, now, options).Contains(segment)).Select(s => s.CustomerId).Order(StringComparer.Ordinal).ToList();
            var members = new List<string>();
            using var call = client.ListSegmentMembers(new ListSegmentMembersRequest { Segment = segment.ToWire(), PageSize = 7 });
            await foreach (var page in call.ResponseStream.ReadAllAsync())
            {
                Assert.InRange(page.CustomerIds.Count, 0, 7);
                members.AddRange(page.CustomerIds);
            }

            Assert.Equal(expected, members.Order(StringComparer.Ordinal).ToList());
        }

        Assert.Contains(states, s => SegmentEvaluator.Evaluate(s, now, options).Contains(Segment.AtRisk));
        foreach (var bad in new[] { new ListSegmentMembersRequest { Segment = "vip", PageSize = 10 }, new ListSegmentMembersRequest { Segment = "hero", PageSize = 0 }, new ListSegmentMembersRequest { Segment = "hero", PageSize = 10_001 } })
        {
            using var call = client.ListSegmentMembers(bad);
            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        }
    }
}
