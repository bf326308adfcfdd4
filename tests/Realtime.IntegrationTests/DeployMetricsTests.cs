using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Realtime.Core.Simulation;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;
using Realtime.Testing;

namespace Realtime.IntegrationTests;

/// <summary>
/// The operators' files in <c>deploy/</c> against a running engine: every metric the alert rules and the Grafana
/// dashboard query is one the engine exports, and the metrics added for them (Redis connection, model age) tell the truth.
/// </summary>
[Collection(ProcessGaugesCollection.Name)]
public sealed partial class DeployMetricsTests(Servers servers) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-deploy-models-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_use_is_exported_by_an_engine_with_traffic()
    {
        var scope = servers.NewScope("deploy-metrics");
        var settings = scope.Settings;
        settings["Churn:ModelsRoot"] = _models;
        await using var engine = RealtimeApp.Build([], AppMode.All, settings);
        await engine.StartAsync();
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 30, Seed = 5, Start = DateTimeOffset.UtcNow.AddDays(-60), Span = TimeSpan.FromDays(60) })
            .Where(e => e.OccurredAt <= DateTimeOffset.UtcNow).ToList();
        scope.Produce(history);
        await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(history), s_timeout);
        await CallEveryKindOfRpcAsync(engine, history[^1].CustomerId);

        var exported = ExportedNames(await MetricsAsync(engine));
        var used = UsedNames();

        Assert.True(used.Count >= 10, $"expected the rules and the dashboard to use the engine's metrics, found {string.Join(", ", used)}");
        // A histogram exports name_bucket, name_count and name_sum, never its bare name: either spelling counts as used.
        var missing = used.Where(name => !exported.Contains(name) && !exported.Contains(name + "_count")).ToList();
        Assert.True(missing.Count == 0, $"used in deploy/ but not in /metrics: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Redis_connected_reads_1_while_redis_answers_and_0_once_it_is_gone()
    {
        var scope = servers.NewScope("redis-connected");
        var settings = scope.Settings;
        var redis = LocalRedisServer.Start();
        var stopped = false;
        try
        {
            settings["Redis:ConnectionString"] = redis.ConnectionString;
            await using var engine = RealtimeApp.Build([], AppMode.Api, settings);
            await engine.StartAsync();
            await CrashRecoveryTests.WaitUntilAsync(async () => Gauge(await MetricsAsync(engine), "realtime_redis_connected") == 1, s_timeout);

            redis.Dispose();
            stopped = true;
            await CrashRecoveryTests.WaitUntilAsync(async () => Gauge(await MetricsAsync(engine), "realtime_redis_connected") == 0, s_timeout);
            await engine.StopAsync();
        }
        finally
        {
            if (!stopped)
            {
                redis.Dispose();
            }
        }
    }

    [Fact]
    public async Task Model_created_timestamp_is_0_on_the_baseline_and_the_training_time_once_a_model_serves()
    {
        var scope = servers.NewScope("model-age");
        var settings = scope.Settings;
        settings["Churn:ModelsRoot"] = _models;
        await using var engine = RealtimeApp.Build([], AppMode.Api, settings);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var churn = new ChurnService.ChurnServiceClient(channel);
        // The first churn call loads the scorer (an unknown customer is enough: NOT_FOUND after the model is resolved).
        await Assert.ThrowsAsync<RpcException>(() => churn.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = "nobody-yet" }).ResponseAsync);
        Assert.Equal(0, Gauge(await MetricsAsync(engine), "realtime_churn_model_created_timestamp_seconds"));

        var now = DateTimeOffset.UtcNow;
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 600, Seed = 3, IncludeCatalog = false, Start = now.AddDays(-400), Span = TimeSpan.FromDays(400) }).ToList();
        var trained = ChurnTraining.Train(new EnumerableEventSource(history, "simulated"), new ChurnTrainingOptions { ModelsRoot = _models, NumberOfTrees = 30, MinimumExamplesPerLeaf = 20, Trainers = [ChurnTrainerKind.FastTree] });
        new ModelRegistry(_models).Promote(trained.Version);

        var expected = (double)trained.Metadata.CreatedAt.ToUnixTimeSeconds();
        await CrashRecoveryTests.WaitUntilAsync(async () => Gauge(await MetricsAsync(engine), "realtime_churn_model_created_timestamp_seconds") == expected, s_timeout);
        await engine.StopAsync();
    }

    /// <summary>One call of each RPC family the dashboard charts, so their labelled series exist.</summary>
    private static async Task CallEveryKindOfRpcAsync(WebApplication engine, string customerId)
    {
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        await new CustomerService.CustomerServiceClient(channel).GetProfileAsync(new GetProfileRequest { CustomerId = customerId });
        await new ChurnService.ChurnServiceClient(channel).GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = customerId });
        await new RecommendationService.RecommendationServiceClient(channel).RecommendAsync(new RecommendRequest { CustomerId = customerId, Count = 5 });
        await new OfferService.OfferServiceClient(channel).NextBestOfferAsync(new NextBestOfferRequest { CustomerId = customerId, Channel = "email" });
    }

    private static async Task<string> MetricsAsync(WebApplication engine)
    {
        // The HTTP port is the last address (gRPC first); auth is off in test scopes, so /metrics needs no key here.
        using var http = new HttpClient { BaseAddress = new Uri(RealtimeApp.Addresses(engine)[^1]), Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>Names with at least one sample (a labelled metric nobody has used yet exports no sample).</summary>
    private static HashSet<string> ExportedNames(string metrics) =>
        metrics.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleName().Match(l).Value).ToHashSet(StringComparer.Ordinal);

    private static SortedSet<string> UsedNames()
    {
        var deploy = Path.Combine(RepositoryRoot(), "deploy");
        var files = Directory.GetFiles(Path.Combine(deploy, "grafana", "dashboards"), "*.json")
            .Append(Path.Combine(deploy, "prometheus", "alerts.yml"));
        return new SortedSet<string>(files.SelectMany(f => MetricName().Matches(File.ReadAllText(f)).Select(m => m.Value)), StringComparer.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Realtime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Realtime.sln above {AppContext.BaseDirectory}");
    }

    private static double? Gauge(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"\brealtime_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
