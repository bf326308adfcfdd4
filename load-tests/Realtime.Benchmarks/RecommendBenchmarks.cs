using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Realtime.Core.Recommendations;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Redis;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.Benchmarks;

/// <summary>
/// The CPU of one Recommend call in process, as the API runs it at steady state: plan, read the item statistics
/// through <see cref="RedisItemSignalStore"/> with every list and fact already in its <see cref="ItemFactsCache"/>
/// (no round trip), rank. The statistics come from a simulated store written to a real redis-server by the ingest
/// writer, so requests see realistic list lengths (~1,700 entries over ~500 products per call with history seeds).
/// </summary>
[MemoryDiagnoser]
public class RecommendBenchmarks
{
    private const int Requests = 256;
    private static readonly SimulationOptions s_simulation = new()
    {
        Customers = 60_000,
        Products = 10_000,
        Categories = 40,
        IncludeCatalog = true,
        Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Span = TimeSpan.FromDays(180),
    };

    private readonly RecommendationOptions _options = new();
    private LocalRedisServer? _redisServer;
    private ConnectionMultiplexer? _redis;
    private RedisItemSignalStore _store = null!;
    private (RecommendationRequest Request, CustomerState State)[] _calls = [];
    private ItemSignalSnapshot[] _snapshots = [];
    private long _nowMs;

    // Thread CPU per request of each invocation; the later half (after tiering and warm-up) gives the result line.
    private readonly List<double> _cpuPerRequestUs = [];

    [GlobalSetup]
    public void Setup()
    {
        _redisServer = LocalRedisServer.Start();
        // Generous timeouts: set-up writes the whole history's statistics in big pipelines on a box that may be busy.
        _redis = ConnectionMultiplexer.Connect($"{_redisServer.ConnectionString},asyncTimeout=120000,syncTimeout=120000");
        var keys = new ItemSignalKeys(new RedisKeys("bench"));
        var signalOptions = new ItemSignalOptions();
        var states = SimulatedItemStatistics.FoldAndWrite(StoreSimulator.Generate(s_simulation), new RedisItemSignalWriter(_redis, keys, Options.Create(signalOptions)), signalOptions);

        // Caches that never expire during the run: the steady state where every hot list and fact is in process.
        var cache = new ItemFactsCache(TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeProvider.System);
        _store = new RedisItemSignalStore(_redis, keys, Options.Create(signalOptions), cache, TimeProvider.System);
        _nowMs = (s_simulation.Start + s_simulation.Span).ToUnixTimeMilliseconds();
        _calls = PickCalls(states);
        _snapshots = new ItemSignalSnapshot[_calls.Length];
        long entries = 0, products = 0;
        for (var i = 0; i < _calls.Length; i++)
        {
            // The first read fills the cache from Redis; the benchmark's reads are all hits.
            var (request, state) = _calls[i];
            _snapshots[i] = _store.ReadAsync(RecommendationPlanner.Plan(request, state, _options, _nowMs), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            entries += Entries(_snapshots[i]);
            products += Products(_snapshots[i]);
        }

        Console.WriteLine($"// {Requests} requests: {entries / (double)Requests:F0} list entries and {products / (double)Requests:F0} products per call on average");
    }

    /// <summary>
    /// The contract line: median thread CPU per request over the measured invocations of <see cref="Recommend"/>
    /// (BenchmarkDotNet's own table is wall time, inflated on a shared box by time the core was lent out).
    /// </summary>
    [GlobalCleanup(Target = nameof(Recommend))]
    public void ReportCpu()
    {
        SimulatedItemStatistics.PrintCpuResult("recs_rank_cpu_us_per_request", _cpuPerRequestUs);
        Cleanup();
    }

    [GlobalCleanup(Target = nameof(RankOnly))]
    public void Cleanup()
    {
        _redis?.Dispose();
        _redisServer?.Dispose();
    }

    /// <summary>Plan + cached read + rank: everything Recommend does between the state read and the response.</summary>
    [Benchmark(Description = "Recommend in process (plan, cached read, rank)", OperationsPerInvoke = Requests)]
    [BenchmarkCategory(ResultLines.Prefix + "recs_rank_wall_us_per_request")]
    public int Recommend()
    {
        var cpuStart = ThreadCpuClock.Nanoseconds();
        var returned = 0;
        foreach (var (request, state) in _calls)
        {
            using var snapshot = _store.ReadAsync(RecommendationPlanner.Plan(request, state, _options, _nowMs), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            returned += RecommendationRanker.Rank(request, state, snapshot, _options, _nowMs).Count;
        }

        _cpuPerRequestUs.Add((ThreadCpuClock.Nanoseconds() - cpuStart) / 1000.0 / Requests);
        return returned;
    }

    /// <summary>The ranking alone, on snapshots read once in set-up: splits the call's cost between reading and ranking.</summary>
    [Benchmark(Description = "RecommendationRanker.Rank on a read snapshot", OperationsPerInvoke = Requests)]
    public int RankOnly()
    {
        var returned = 0;
        for (var i = 0; i < _calls.Length; i++)
        {
            var (request, state) = _calls[i];
            returned += RecommendationRanker.Rank(request, state, _snapshots[i], _options, _nowMs).Count;
        }

        return returned;
    }

    /// <summary>Customers picked as the serve scenario does (skewed to active ones), each on a popular product's page.</summary>
    private static (RecommendationRequest, CustomerState)[] PickCalls(Dictionary<string, CustomerState> states)
    {
        var customers = states.Values.ToArray();
        var random = new Random(5);
        var calls = new (RecommendationRequest, CustomerState)[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var u = random.NextDouble();
            var state = customers[Math.Min((int)(u * u * customers.Length), customers.Length - 1)];
            var v = random.NextDouble();
            var product = $"p{(int)(v * v * v * s_simulation.Products):D5}";
            calls[i] = (new RecommendationRequest { ContextProductId = product, Count = 10 }, state);
        }

        return calls;
    }

    /// <summary>Distinct products a call names (its lists' and its facts map's; the map alone may resolve some lazily).</summary>
    private static int Products(ItemSignalSnapshot snapshot) =>
        snapshot.BoughtTogether.Values.Concat(snapshot.ViewedTogether.Values).Concat(snapshot.TrendingByCategory.Values).Append(snapshot.Trending)
            .SelectMany(list => list).Select(item => item.ProductId).Concat(snapshot.Facts.Keys).Distinct(StringComparer.Ordinal).Count();

    private static long Entries(ItemSignalSnapshot snapshot)
    {
        long n = snapshot.Trending.Count;
        foreach (var list in snapshot.BoughtTogether.Values)
        {
            n += list.Count;
        }

        foreach (var list in snapshot.ViewedTogether.Values)
        {
            n += list.Count;
        }

        foreach (var list in snapshot.TrendingByCategory.Values)
        {
            n += list.Count;
        }

        return n;
    }
}
