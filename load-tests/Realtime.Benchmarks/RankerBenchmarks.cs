using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Redis;
using Realtime.Scoring.History;
using Realtime.Scoring.Ranking;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.Benchmarks;

/// <summary>
/// The CPU of one Recommend call in process with a promoted learned ranker, as the API runs it at steady state:
/// decode the customer's stored purchase history (the bytes of field <c>h</c>, read with the state), plan, read the
/// item statistics through <see cref="RedisItemSignalStore"/> with everything in its cache (no round trip), build
/// candidates and features, score with the LambdaRank forest, give reasons. The model is trained in set-up on a
/// simulated store's log (a smaller population than <see cref="RecommendBenchmarks"/>: training must fit in set-up)
/// whose item statistics a real redis-server holds.
/// </summary>
[MemoryDiagnoser]
public class RankerBenchmarks
{
    private const int Requests = 256;
    private static readonly SimulationOptions s_simulation = new()
    {
        Customers = 3_000,
        Products = 2_000,
        Categories = 20,
        IncludeCatalog = true,
        Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Span = TimeSpan.FromDays(180),
    };

    private readonly RecommendationOptions _options = new();
    private readonly List<double> _cpuPerRequestUs = [];
    private LocalRedisServer? _redisServer;
    private ConnectionMultiplexer? _redis;
    private RedisItemSignalStore _store = null!;
    private LearnedRecommendationRanking _ranking = null!;
    private string _models = "";
    private (RecommendationRequest Request, CustomerState State, byte[] History)[] _calls = [];
    private long _nowMs;

    [GlobalSetup]
    public void Setup()
    {
        _redisServer = LocalRedisServer.Start();
        _redis = ConnectionMultiplexer.Connect($"{_redisServer.ConnectionString},asyncTimeout=120000,syncTimeout=120000");
        var keys = new ItemSignalKeys(new RedisKeys("bench"));
        var signalOptions = new ItemSignalOptions { Epoch = s_simulation.Start };
        var events = StoreSimulator.Generate(s_simulation).ToList();
        var states = SimulatedItemStatistics.FoldAndWrite(events, new RedisItemSignalWriter(_redis, keys, Options.Create(signalOptions)), signalOptions);

        _models = Directory.CreateTempSubdirectory("realtime-ranker-bench-").FullName;
        var (version, _) = RankerTraining.Train(new EnumerableEventSource(events, "simulated"), _models, TimeSpan.FromDays(30), DateTimeOffset.UtcNow,
            new RankerTrainingOptions { MaxIterations = 100 });
        new RankerRegistry(_models).Promote(version);
        _ranking = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        if (!_ranking.ReadsHistory)
        {
            throw new InvalidOperationException("the trained ranker did not load");
        }

        var cache = new ItemFactsCache(TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeProvider.System);
        _store = new RedisItemSignalStore(_redis, keys, Options.Create(signalOptions), cache, TimeProvider.System);
        _nowMs = (s_simulation.Start + s_simulation.Span).ToUnixTimeMilliseconds();
        _calls = PickCalls(states);
        long products = 0, bytes = 0;
        foreach (var (request, state, history) in _calls)
        {
            // The first call fills the item cache from Redis; the benchmark's reads are all hits.
            Serve(request, state, history);
            products += state.History!.Items.Count;
            bytes += history.Length;
        }

        Console.WriteLine($"// {Requests} ranker requests: histories of {products / (double)Requests:F0} products, {bytes / (double)Requests:F0} bytes on average; model {version}");
    }

    /// <summary>The contract line: median thread CPU per request over the later half of the measured invocations.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SimulatedItemStatistics.PrintCpuResult("recs_ranker_cpu_us_per_request", _cpuPerRequestUs);
        _ranking?.Dispose();
        _redis?.Dispose();
        _redisServer?.Dispose();
        if (_models.Length > 0)
        {
            Directory.Delete(_models, recursive: true);
        }
    }

    /// <summary>History decode + plan + cached read + learned ranking: everything Recommend does between the state read and the response.</summary>
    [Benchmark(Description = "Recommend in process with the learned ranker (history decode, plan, cached read, rank)", OperationsPerInvoke = Requests)]
    [BenchmarkCategory(ResultLines.Prefix + "recs_ranker_wall_us_per_request")]
    public int RankerRecommend()
    {
        var cpuStart = ThreadCpuClock.Nanoseconds();
        var returned = 0;
        foreach (var (request, state, history) in _calls)
        {
            returned += Serve(request, state, history);
        }

        _cpuPerRequestUs.Add((ThreadCpuClock.Nanoseconds() - cpuStart) / 1000.0 / Requests);
        return returned;
    }

    private int Serve(RecommendationRequest request, CustomerState state, byte[] history)
    {
        state.History = PurchaseHistoryCodec.Decode(history);
        using var snapshot = _store.ReadAsync(_ranking.Plan(request, state, _options, _nowMs), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return _ranking.Rank(request, state, snapshot, _options, _nowMs).Count;
    }

    /// <summary>Customers with a purchase history, skewed to active ones as the serve scenario does, each on a product page.</summary>
    private static (RecommendationRequest, CustomerState, byte[])[] PickCalls(Dictionary<string, CustomerState> states)
    {
        var buyers = states.Values.Where(s => s.History is not null).OrderByDescending(s => s.LastSeenMs).ToArray();
        var random = new Random(5);
        var calls = new (RecommendationRequest, CustomerState, byte[])[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var u = random.NextDouble();
            var state = buyers[Math.Min((int)(u * u * buyers.Length), buyers.Length - 1)];
            var v = random.NextDouble();
            var product = $"p{(int)(v * v * v * s_simulation.Products):D5}";
            calls[i] = (new RecommendationRequest { ContextProductId = product, Count = 10 }, state.Clone(), PurchaseHistoryCodec.Encode(state.History!));
        }

        return calls;
    }
}
