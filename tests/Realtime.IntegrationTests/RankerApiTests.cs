using Grpc.Net.Client;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using static Realtime.IntegrationTests.RankerTrainingLog;

namespace Realtime.IntegrationTests;

/// <summary>
/// The learned ranker through the running API: Recommend answers with the hand-tuned blend until a ranker version is
/// promoted, then with it, without a restart, and with the blend again after the last rollback.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RankerApiTests(Servers servers) : IDisposable
{
    private static readonly string[] s_reasons = ["buy_again", "bought_together", "viewed_together", "category_affinity", "trending"];
    private static readonly DateTimeOffset s_start = DateTimeOffset.UtcNow.AddDays(-90);
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-ranker-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task Recommend_switches_to_a_promoted_ranker_and_back_to_the_blend_on_rollback_without_a_restart()
    {
        var scope = servers.NewScope("ranker-api");
        var state = new CustomerState("r1");
        CustomerFold.Apply(state, Order("r1", s_start, "staple-0", "once"));
        CustomerFold.Apply(state, Order("r1", s_start.AddDays(7), "staple-0"));
        CustomerFold.Apply(state, Order("r1", s_start.AddDays(14), "staple-0"));
        await scope.Store.SaveAsync([state], CancellationToken.None);
        var settings = scope.Settings;
        settings["Recommendations:Ranker:ModelsRoot"] = _models;
        settings["Recommendations:Ranker:PollSeconds"] = "0.2";
        await using var engine = RealtimeApp.Build([], AppMode.Api, settings);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new RecommendationService.RecommendationServiceClient(channel);
        async Task<List<string>> Recommended() =>
            [.. (await client.RecommendAsync(new RecommendRequest { CustomerId = "r1", Count = 10 })).Items.Select(i => i.ProductId)];

        // The blend: nothing in the item store, so "once" (bought once, no re-buy rate known) is filtered out.
        Assert.Equal(["staple-0"], await Recommended());

        var registry = RankerTrainingLog.TrainAndPromote(_models, s_start, "h");
        await CrashRecoveryTests.WaitUntilAsync(async () => (await Recommended()).Contains("once"), TimeSpan.FromSeconds(20));
        var learned = await client.RecommendAsync(new RecommendRequest { CustomerId = "r1", Count = 10 });
        Assert.Equal(["once", "staple-0"], learned.Items.Select(i => i.ProductId).Order());
        Assert.All(learned.Items, i => Assert.Contains(i.Reason, s_reasons));

        Assert.Null(registry.Rollback());
        await CrashRecoveryTests.WaitUntilAsync(async () => !(await Recommended()).Contains("once"), TimeSpan.FromSeconds(20));
        Assert.Equal(["staple-0"], await Recommended());
        await engine.StopAsync();
    }
}
