using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Redis;
using static Realtime.IntegrationTests.RankerTrainingLog;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.IntegrationTests;

/// <summary>
/// The per-customer purchase history through the running engine: ingest writes it beside the state (field <c>h</c>),
/// and a promoted ranker serves from it, past the newest products the state keeps. Retries, batch splits, rollbacks
/// and crashes are covered by the ingest fault tests, whose oracle (<see cref="TestScope.MismatchesAsync"/>) compares
/// histories too.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PurchaseHistoryIngestTests(Servers servers) : IDisposable
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.UtcNow.AddDays(-90);
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-history-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task An_ingested_order_is_in_the_customers_purchase_history_beside_its_state()
    {
        var scope = servers.NewScope("history-ingest");
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        var events = new List<CustomerEvent>
        {
            Order("hc", s_start, "p1", "p2"),
            new() { EventId = "hc-view", Type = EventType.ProductViewed, CustomerId = "hc", OccurredAt = s_start.AddDays(1), ProductId = "p9", Category = "cat" },
            Order("hc", s_start.AddDays(2), "p1"),
        };
        scope.Produce(events);

        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(events), TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        var stored = await servers.Connection.GetDatabase().HashGetAsync(new RedisKeys(scope.KeyPrefix).Customer("hc"), "h");
        var history = PurchaseHistoryCodec.Decode((byte[])stored!);
        Assert.Equal(2, history.Baskets);
        Assert.Equal(2, history.Items["p1"].Orders);
        Assert.Equal(["p1", "p2"], history.Items.Keys.Order(StringComparer.Ordinal));
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_promoted_ranker_recommends_from_the_stored_history_past_the_products_the_state_keeps()
    {
        var scope = servers.NewScope("history-serve");
        var state = new CustomerState("hs");
        for (var i = 0; i < 4; i++)
        {
            CustomerFold.Apply(state, Order("hs", s_start.AddDays(i), "staple"));
        }

        for (var i = 0; i < StateLimits.PurchasedItems + 4; i++)
        {
            CustomerFold.Apply(state, Order("hs", s_start.AddDays(10 + i), $"single-{i}"));
        }

        Assert.DoesNotContain(state.Purchased, p => p.ProductId == "staple"); // the state kept only the newest products
        await scope.Store.SaveAsync([state], CancellationToken.None);
        var settings = scope.Settings;
        settings["Recommendations:Ranker:ModelsRoot"] = _models;
        settings["Recommendations:Ranker:PollSeconds"] = "0.2";
        RankerTrainingLog.TrainAndPromote(_models, s_start, "t");
        await using var engine = RealtimeApp.Build([], AppMode.Api, settings);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new RecommendationService.RecommendationServiceClient(channel);

        var reply = await client.RecommendAsync(new RecommendRequest { CustomerId = "hs", Count = 50 });

        // With the state's estimate (PurchaseProfile.FromState) "staple" is no candidate at all: nothing else knows it.
        Assert.Contains("staple", reply.Items.Select(i => i.ProductId));
        Assert.Equal(StateLimits.PurchasedItems + 5, reply.Items.Count);
        await engine.StopAsync();
    }
}
