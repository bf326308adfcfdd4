using System.Diagnostics;
using Realtime.LoadTests.Scenarios;

namespace Realtime.LoadTests;

/// <summary>Runs one scenario or all of them against one set of servers, loading the population once.</summary>
internal static class BenchRunner
{
    private static readonly string[] s_all = ["limits", "memory", "serve", "auth", "ingest", "freshness", "summary"];

    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var scenarios = options.Scenario == "all" ? s_all : options.Scenario.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (scenarios.Any(s => !s_all.Contains(s)))
        {
            Console.Error.WriteLine($"unknown scenario {options.Scenario}; one of {string.Join(", ", s_all)}, all");
            return 2;
        }

        var results = new Results();
        var clock = Stopwatch.StartNew();
        using var env = new BenchEnvironment(options);
        Results.Note($"redis {env.RedisEndpoint}, kafka {env.KafkaBootstrap}, {Environment.ProcessorCount} cores, scenarios {string.Join(",", scenarios)}");
        foreach (var scenario in scenarios)
        {
            if (scenario != "limits" && env.Population is null)
            {
                env.Population = await Population.LoadAsync(env, results);
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
