using System.Diagnostics;
using Grpc.Net.Client;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// Open-loop gRPC load on <c>realtime api</c> (a child process) over several HTTP/2 connections: latency percentiles at
/// a fixed rate, then a short step-up search for the highest rate whose p99 stays under 10× the Redis round trip p99,
/// and under 10 ms, with no errors; then the same calls from h2load (<see cref="ServeH2load"/>).
/// </summary>
internal static class ServeScenario
{
    private const int Connections = 4;
    private const double SloFactor = 10;
    /// <summary>The p99 limit of issue 15's max-rate lines (both the .NET generator's and h2load's search).</summary>
    public const double AbsoluteLimitMs = 10;

    /// <summary>The step-up search's rates, req/s, shared by the .NET generator's and h2load's search.</summary>
    public static readonly int[] StepRates = [500, 1000, 2000, 3000, 4000, 5000, 7000, 10000, 15000, 20000];

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var population = env.Population ?? throw new InvalidOperationException("serve needs the population");
        var rttP99 = results.Get("redis_rtt_p99") ?? await MeasureRedisRttP99Async(env, results);
        await using var engine = await EngineProcess.StartAsync("api", env.EngineSettings(env.NewTopic("serve", 4), "serve"));
        var channels = Enumerable.Range(0, Connections)
            .Select(_ => engine.NewChannel(new SocketsHttpHandler { EnableMultipleHttp2Connections = false }))
            .ToArray();
        try
        {
            var clients = channels.Select(c => new ApiClients(c)).ToArray();
            var rate = env.Options.Rate ?? 2000;
            var mix = ServeMix.Parse(env.Options.Mix);
            var smoke = env.Options.Smoke;

            // Warm-up: JIT, connection windows, Redis connection in the engine.
            await OpenLoop.RunAsync(clients, mix, population, Math.Min(rate, 1000), TimeSpan.FromSeconds(smoke ? 1 : 3), seed: 1);
            await MeasureUnloadedAsync(channels[0], clients[0], mix, population, results, smoke ? 200 : 2000);

            // The transport's own floor against the target's yardstick: a no-op gRPC call, one at a time, measured here.
            results.Ratio("serve_grpc_floor_p99_vs_redis_rtt", "serve_unloaded_grpc_health_p99", "redis_rtt_p99");

            var listsBefore = await engine.MetricSeriesAsync(FactListChecks);
            var fixedStep = await OpenLoop.RunAsync(clients, mix, population, rate, smoke ? TimeSpan.FromSeconds(2) : env.Options.Duration, seed: 2);
            Results.Note($"serve at {rate}/s over {Connections} HTTP/2 connections: achieved {fixedStep.AchievedRate:F0}/s, errors {fixedStep.Errors}, dropped {fixedStep.Dropped}");
            await NoteFactListChecksAsync(engine, listsBefore, results);
            foreach (var (name, latency) in fixedStep.ByCall)
            {
                results.Report($"serve_{name}_p50", latency.Ms(50), "ms");
                results.Report($"serve_{name}_p90", latency.Ms(90), "ms");
                results.Report($"serve_{name}_p99", latency.Ms(99), "ms");
                results.Report($"serve_{name}_p999", latency.Ms(99.9), "ms");
                results.Ratio($"serve_{name}_p99_vs_redis_rtt", $"serve_{name}_p99", "redis_rtt_p99");
            }

            results.Report("serve_rate", rate, "1/s");
            results.Report("serve_achieved_rate", fixedStep.AchievedRate, "1/s");
            results.Report("serve_errors", fixedStep.Errors + fixedStep.Dropped, "count");

            // One step-up search for both limits: p99 ≤ 10 × Redis RTT p99 (the original yardstick) and p99 ≤ 10 ms (issue 15).
            // On 2 cores the .NET generator competes with the engine for the CPU, so the h2load figures below are the
            // independent ones.
            var rttLimit = rttP99 * SloFactor;
            int best = 0, bestUnder10Ms = 0, previous = 0;
            var stepDuration = TimeSpan.FromSeconds(smoke ? 1 : Math.Clamp(env.Options.Duration.TotalSeconds / 6, 3, 5));
            foreach (var stepRate in StepRates)
            {
                var step = await OpenLoop.RunAsync(clients, mix, population, stepRate, stepDuration, seed: stepRate);
                var p99 = step.All.Ms(99);
                var clean = step.Errors == 0 && step.Dropped == 0 && step.AchievedRate >= stepRate * 0.95;
                // A limit counts only unbroken passes from the first step up.
                var underRtt = clean && p99 <= rttLimit && best == previous;
                var under10Ms = clean && p99 <= AbsoluteLimitMs && bestUnder10Ms == previous;
                Results.Note($"step {stepRate}/s: achieved {step.AchievedRate:F0}/s, errors {step.Errors + step.Dropped}, p50 {step.All.Ms(50):F2} ms, p99 {p99:F2} ms (limits {rttLimit:F2} ms: {(underRtt ? "ok" : "over")}, {AbsoluteLimitMs} ms: {(under10Ms ? "ok" : "over")})");
                best = underRtt ? stepRate : best;
                bestUnder10Ms = under10Ms ? stepRate : bestUnder10Ms;
                previous = stepRate;
                if ((!underRtt && !under10Ms) || smoke)
                {
                    break;
                }
            }

            results.Report("serve_max_rate_p99_under_10ms", bestUnder10Ms, "1/s");
            results.Report("serve_max_rate_p99_under_10x_rtt", best, "1/s");

            await ServeH2load.RunAsync(engine, population, mix, rate, smoke, results);
        }
        finally
        {
            foreach (var c in channels)
            {
                c.Dispose();
            }
        }
    }

    private const string FactListChecks = "realtime_recs_fact_list_checks_total";

    /// <summary>
    /// How often Recommend's lists had their products' facts checked one by one during the fixed-rate step, against
    /// resolved on use from an earlier call's check (docs/recommendations.md, "Facts cache"): the share resolved on use
    /// is what the in-process benchmark's steady state assumes.
    /// </summary>
    private static async Task NoteFactListChecksAsync(EngineProcess engine, Dictionary<string, double> before, Results results)
    {
        var after = await engine.MetricSeriesAsync(FactListChecks);
        double Delta(string label) =>
            after.GetValueOrDefault($"{FactListChecks}{{checked=\"{label}\"}}") - before.GetValueOrDefault($"{FactListChecks}{{checked=\"{label}\"}}");
        var (checkedLists, resolved) = (Delta("true"), Delta("false"));
        if (checkedLists + resolved > 0)
        {
            results.Report("serve_fact_lists_resolved_on_use_share", resolved / (checkedLists + resolved), "ratio");
        }
    }

    /// <summary>
    /// One call at a time (closed loop): the floor under the loaded figures. The gRPC health check touches no Redis and
    /// no domain code, so it is the transport's own round trip (client + HTTP/2 + server pipeline).
    /// </summary>
    private static async Task MeasureUnloadedAsync(GrpcChannel channel, ApiClients client, ServeMix mix, Population population, Results results, int calls)
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);
        var random = new Random(3);
        var probes = mix.Calls.Select(c => (c.Name, Invoke: (Func<Task>)(() => c.Invoke(client, population.PickCustomer(random), CancellationToken.None))))
            .Prepend(("grpc_health", (Func<Task>)(() => health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest()).ResponseAsync)));
        foreach (var (name, invoke) in probes)
        {
            var latency = new Latency();
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await invoke();
                latency.Record(Stopwatch.GetElapsedTime(start));
            }

            results.Report($"serve_unloaded_{name}_p50", latency.Ms(50), "ms");
            results.Report($"serve_unloaded_{name}_p99", latency.Ms(99), "ms");
        }
    }

    private static async Task<double> MeasureRedisRttP99Async(BenchEnvironment env, Results results)
    {
        var db = env.Redis.GetDatabase();
        var latency = new Latency();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            var start = Stopwatch.GetTimestamp();
            await db.PingAsync();
            latency.Record(Stopwatch.GetElapsedTime(start));
        }

        results.Report("redis_rtt_p99", latency.Ms(99), "ms");
        return latency.Ms(99);
    }
}
