using Grpc.Core;
using Grpc.Net.Client;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;
using Realtime.Scoring.Training;
using ChurnScore = Realtime.Grpc.V1.ChurnScore;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class ChurnApiTests(Servers servers) : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-models-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task Scores_come_from_the_baseline_until_a_model_is_promoted_then_from_it_without_a_restart()
    {
        var scope = servers.NewScope("churn");
        var now = DateTimeOffset.UtcNow;
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 600, Seed = 3, IncludeCatalog = false, Start = now.AddDays(-400), Span = TimeSpan.FromDays(400) }).ToList();
        await SaveStatesAsync(scope, history);
        await using var engine = BuildEngine(scope);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new ChurnService.ChurnServiceClient(channel);
        var id = history[^1].CustomerId;

        var before = await client.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = id });
        Assert.Equal(ChurnScorer.BaselineVersion, before.ModelVersion);
        Assert.InRange(before.Score, 0, 1);

        var trained = ChurnTraining.Train(new EnumerableEventSource(history, "simulated"), new ChurnTrainingOptions { ModelsRoot = _models, NumberOfTrees = 30, MinimumExamplesPerLeaf = 20, Trainers = [ChurnTrainerKind.FastTree] });
        new ModelRegistry(_models).Promote(trained.Version);

        await CrashRecoveryTests.WaitUntilAsync(
            async () => (await client.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = id })).ModelVersion == trained.Version,
            TimeSpan.FromSeconds(20));
        var after = await client.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = id, TopFeatures = 3 });
        Assert.InRange(after.Score, 0, 1);
        Assert.Equal(3, after.TopFeatures.Count);
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_corrupt_model_is_refused_and_the_previous_one_keeps_serving()
    {
        var scope = servers.NewScope("corrupt");
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 50, Seed = 4, IncludeCatalog = false, Start = DateTimeOffset.UtcNow.AddDays(-200) }).ToList();
        await SaveStatesAsync(scope, history);
        var corrupt = Path.Combine(_models, "v-corrupt");
        Directory.CreateDirectory(corrupt);
        await File.WriteAllTextAsync(Path.Combine(corrupt, "model.zip"), "not a model");
        Assert.ThrowsAny<Exception>(() => new ModelRegistry(_models).Promote("v-corrupt"));

        await using var engine = BuildEngine(scope);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var reply = await new ChurnService.ChurnServiceClient(channel).GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = history[^1].CustomerId });
        Assert.Equal(ChurnScorer.BaselineVersion, reply.ModelVersion);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Batch_scores_answer_unknown_ids_as_not_found_and_refuse_more_than_a_thousand()
    {
        var scope = servers.NewScope("batch");
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 40, Seed = 8, IncludeCatalog = false, Start = DateTimeOffset.UtcNow.AddDays(-200) }).ToList();
        var states = await SaveStatesAsync(scope, history);
        await using var engine = BuildEngine(scope);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new ChurnService.ChurnServiceClient(channel);

        var request = new BatchGetChurnScoresRequest();
        request.CustomerIds.AddRange(states.Keys);
        request.CustomerIds.Add("never-seen");
        var reply = await client.BatchGetChurnScoresAsync(request);
        Assert.Equal(states.Count + 1, reply.Scores.Count);
        Assert.All(reply.Scores.Take(states.Count), s => Assert.True(s.Found));
        Assert.False(reply.Scores[^1].Found);

        var tooMany = new BatchGetChurnScoresRequest();
        tooMany.CustomerIds.AddRange(Enumerable.Range(0, 1001).Select(i => $"c{i}"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.BatchGetChurnScoresAsync(tooMany).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Streaming_at_risk_customers_returns_exactly_those_at_or_above_the_threshold()
    {
        var scope = servers.NewScope("atrisk");
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 700, Seed = 12, IncludeCatalog = false, Start = DateTimeOffset.UtcNow.AddDays(-300), Span = TimeSpan.FromDays(300) }).ToList();
        var states = await SaveStatesAsync(scope, history);
        await using var engine = BuildEngine(scope);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new ChurnService.ChurnServiceClient(channel);
        const double threshold = 0.5;

        var streamed = new List<ChurnScore>();
        var pages = 0;
        using (var call = client.StreamAtRiskCustomers(new StreamAtRiskCustomersRequest { MinScore = threshold, PageSize = 100 }))
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                pages++;
                streamed.AddRange(call.ResponseStream.Current.Customers);
            }
        }

        // The oracle scores every customer directly; customers within a hair of the threshold may cross it while the
        // clock moves between the two readings, so they are left out of the comparison.
        var batch = new BatchGetChurnScoresRequest();
        batch.CustomerIds.AddRange(states.Keys.Take(1000));
        var direct = (await client.BatchGetChurnScoresAsync(batch)).Scores.Where(s => Math.Abs(s.Score - threshold) > 1e-3).ToList();
        var streamedIds = streamed.Select(s => s.CustomerId).ToHashSet();
        Assert.All(streamed, s => Assert.True(s.Score >= threshold));
        Assert.Equal(streamed.Count, streamedIds.Count);
        Assert.True(pages > 1, "the stream should arrive in several pages");
        Assert.Equal(direct.Where(s => s.Score >= threshold).Select(s => s.CustomerId).Order(), direct.Select(s => s.CustomerId).Where(streamedIds.Contains).Order());
        await engine.StopAsync();
    }

    private WebApplication BuildEngine(TestScope scope)
    {
        var settings = scope.Settings;
        settings["Churn:ModelsRoot"] = _models;
        settings["Churn:PollInterval"] = "00:00:00.500";
        return RealtimeApp.Build([], AppMode.Api, settings);
    }

    private static async Task<Dictionary<string, CustomerState>> SaveStatesAsync(TestScope scope, List<Realtime.Core.Events.CustomerEvent> events)
    {
        var states = TestScope.ExpectedStates(events);
        await scope.Store.SaveAsync(states.Values.ToList(), CancellationToken.None);
        return states;
    }
}
