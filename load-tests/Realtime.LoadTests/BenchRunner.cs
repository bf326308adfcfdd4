using System.Diagnostics;
using Realtime.LoadTests.Scenarios;

namespace Realtime.LoadTests;

/// <summary>Runs one scenario or all of them against one set of servers, loading the population once.</summary>
internal static class BenchRunner
{
    private static readonly string[] s_all = ["limits", "memory", "serve", "auth", "ingest", "freshness", "summary", "cluster"];

    /// <summary>The scenarios, in the order <c>all</c> runs them.</summary>
    public static IReadOnlyList<string> All => s_all;

    /// <summary>The scenarios a <c>--scenario</c> value names: one, a comma list, or <c>all</c>; null if any is unknown.</summary>
    public static string[]? Resolve(string scenario)
    {
        var names = scenario == "all" ? s_all : scenario.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 && names.All(s_all.Contains) ? names : null;
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var scenarios = Resolve(options.Scenario)!;

        var results = new Results();
        var clock = Stopwatch.StartNew();
        using var env = new BenchEnvironment(options);
        Results.Note($"redis {env.RedisEndpoint}, kafka {env.KafkaBootstrap}, {Environment.ProcessorCount} cores, scenarios {string.Join(",", scenarios)}");
        foreach (var scenario in scenarios)
        {
            // cluster brings its own servers and store; limits needs no population.
            if (scenario is not ("limits" or "cluster") && env.Population is null)
            {
                env.Population = await Population.LoadAsync(env, results);

                // The load left ~2 GB of dead states and item-signal batches in this process's old generations; with
                // no full collection since, the generator's first gen-1 collections inside a measured step took
                // 120–160 ms (dotnet-counters), time the open-loop clock rightly counts as the engine's latency.
                // One compacting collection here keeps the generator's own pauses out of the measurements.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            Results.Note($"── {scenario} ({clock.Elapsed.TotalSeconds:F0} s into the run)");
            switch (scenario)
            {
                case "limits":
                    await LimitsScenario.RunAsync(env, results);
                    break;
                case "serve":
                    await ServeScenario.RunAsync(env, results);
                    break;
                case "auth":
                    await AuthScenario.RunAsync(env, results);
                    break;
                case "ingest":
                    await IngestScenario.RunAsync(env, results);
                    break;
                case "freshness":
                    await FreshnessScenario.RunAsync(env, results);
                    break;
                case "cluster":
                    await ClusterScenario.RunAsync(env, results);
                    break;
                case "summary":
                    await SummaryScenario.RunAsync(env, results);
                    break;
                default:
                    // memory: reported while the population loads.
                    break;
            }
        }

        Results.Note($"done in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }
}
