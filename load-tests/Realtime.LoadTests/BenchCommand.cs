using System.CommandLine;
using Realtime.Evaluation;
using Realtime.Host.Cli;

namespace Realtime.LoadTests;

/// <summary>The command line of <c>scripts/bench &lt;scenario&gt; [options]</c>, on the same conventions as <c>realtime</c>.</summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var defaults = new BenchOptions { Scenario = "all" };
        var scenario = new Argument<string>("scenario")
        {
            Description = $"A scenario ({string.Join(", ", BenchRunner.All)}), a comma list of them, or all.",
            DefaultValueFactory = _ => "all",
        };
        scenario.Validators.Add(r =>
        {
            if (BenchRunner.Resolve(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError($"unknown scenario '{r.GetValueOrDefault<string>()}'; one of {string.Join(", ", BenchRunner.All)}, all, or a comma list");
            }
        });
        var duration = DurationOption.Create("--duration", "How long each measured step of serve, freshness and limits runs.", defaults.Duration);
        var rate = new Option<int?>("--rate") { Description = "serve: the fixed request rate (the step-up search starts from it); freshness: background events/s.", HelpName = "n" };
        var customers = NumberOption.AtLeast("--customers", "Customers in the pre-loaded population.", defaults.Customers);
        var products = NumberOption.AtLeast("--products", "Products in the simulated catalog.", defaults.Products);
        var events = NumberOption.AtLeast("--events", "Events produced by the ingest scenario (per worker count).", defaults.Events);
        var workers = new Option<int[]>("--workers")
        {
            Description = "Ingest worker-process counts to compare, comma-separated.",
            HelpName = "n,n...",
            DefaultValueFactory = _ => [.. defaults.Workers],
            CustomParser = r =>
            {
                var parts = r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
                var counts = parts.Select(p => int.TryParse(p, out var n) && n >= 1 ? n : 0).ToArray();
                if (counts.Length == 0 || counts.Contains(0))
                {
                    r.AddError($"--workers: '{string.Join(',', parts)}' is not a comma list of worker counts of at least 1");
                }

                return counts;
            },
        };
        var mix = new Option<string>("--mix") { Description = "serve: the request mix, e.g. getprofile or recommend=2,getprofile=1 (default: the full mix).", HelpName = "rpc=weight,..." };
        var redis = new Option<string>("--redis") { Description = "An existing Redis (host:port) instead of a local redis-server.", HelpName = "host:port" };
        var kafka = new Option<string>("--kafka") { Description = "An existing Kafka (bootstrap servers) instead of the embedded mock broker.", HelpName = "host:port" };
        var smoke = new Option<bool>("--smoke") { Description = "Shorter steps, for CI smoke runs." };
        var progress = new Option<bool>("--progress") { Description = "Show the population load's progress on stderr even when it is not a terminal; stdout is unchanged." };
        var root = new RootCommand(CliRunner.Describe(
            "Load tests: starts redis-server and the embedded broker (or uses --redis/--kafka), loads a population, runs the engine as child processes and measures it from outside. Prints 'result <name> <value> <unit>' lines.",
            "scripts/bench serve --duration 30s --mix getprofile=1,recommend=2"))
        {
            scenario,
            duration,
            rate,
            customers,
            products,
            events,
            workers,
            mix,
            redis,
            kafka,
            smoke,
            progress,
        };
        root.HelpName = "scripts/bench";
        root.SetAction(parsed => BenchRunner.RunAsync(new BenchOptions
        {
            Scenario = parsed.GetRequiredValue(scenario),
            Duration = parsed.GetValue(duration),
            Rate = parsed.GetValue(rate),
            Customers = parsed.GetValue(customers),
            Products = parsed.GetValue(products),
            Events = parsed.GetValue(events),
            Workers = parsed.GetRequiredValue(workers),
            Mix = parsed.GetValue(mix),
            Redis = parsed.GetValue(redis),
            Kafka = parsed.GetValue(kafka),
            Smoke = parsed.GetValue(smoke),
            Progress = parsed.GetValue(progress) || ProgressMeter.ShownByDefault,
        }));
        return root;
    }
}
