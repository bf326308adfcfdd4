using System.CommandLine;
using Realtime.Host.Cli;

namespace Realtime.Chaos;

/// <summary>
/// Command line of the harness: <c>[scenario ...|all] [--short] [--customers N] [--events-per-customer N]
/// [--produce-for 20s] [--partitions N] [--session-timeout 3s] [--recovery-bound 90s] [--settle 20s] [--work-dir DIR] [--keep]</c>.
/// </summary>
internal sealed class ChaosOptions
{
    public List<string> Scenarios { get; } = [];

    public bool Short { get; private init; }

    public int Customers { get; private init; } = 500;

    public int EventsPerCustomer { get; private init; } = 200;

    /// <summary>The stream is paced over this long so faults land mid-stream.</summary>
    public double ProduceSeconds { get; private init; } = 20;

    public int Partitions { get; private init; } = 8;

    public int SessionTimeoutMs { get; private init; } = 3000;

    /// <summary>A scenario fails if states do not match this long after the fault ended and the stream was produced.</summary>
    public double RecoveryBoundSeconds { get; private init; } = 90;

    /// <summary>Give up early when neither lag nor the states changed for this long (a stall or a permanent loss).</summary>
    public double SettleSeconds { get; private init; } = 20;

    public string? WorkDir { get; private init; }

    public bool Keep { get; private init; }

    /// <summary>The harness's command; <paramref name="run"/> gets the options once they parsed.</summary>
    public static RootCommand CreateCommand(Func<ChaosOptions, Task<int>> run)
    {
        var full = new ChaosOptions();
        var names = Chaos.Scenarios.All.Select(s => s.Name).ToList();
        var scenarios = new Argument<string[]>("scenario") { Description = $"Scenarios to run ({string.Join(", ", names)}), or all (the default).", Arity = ArgumentArity.ZeroOrMore };
        scenarios.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string[]>()?.FirstOrDefault(s => s != "all" && !names.Contains(s)) is { } unknown)
            {
                r.AddError($"unknown scenario '{unknown}'; known: {string.Join(", ", names)}, all");
            }
        });
        var isShort = new Option<bool>("--short") { Description = "200 customers × 100 events over 8 s, 45 s recovery bound, 15 s settle (CI); sizes given explicitly still win." };
        var customers = NumberOption.AtLeast("--customers", "Customers in the stream (--short: 200).", full.Customers);
        var eventsPerCustomer = NumberOption.AtLeast("--events-per-customer", "Events per customer (--short: 100).", full.EventsPerCustomer);
        var produceFor = DurationOption.Create("--produce-for", "The stream is paced over this long, so faults land mid-stream (--short: 8s).", TimeSpan.FromSeconds(full.ProduceSeconds));
        var partitions = NumberOption.AtLeast("--partitions", "Partitions of the events topic.", full.Partitions, maximum: 256);
        var sessionTimeout = DurationOption.Create("--session-timeout", "The workers' Kafka session timeout.", TimeSpan.FromMilliseconds(full.SessionTimeoutMs));
        var recoveryBound = DurationOption.Create("--recovery-bound", "A scenario fails if states do not match this long after the fault ended (--short: 45s).", TimeSpan.FromSeconds(full.RecoveryBoundSeconds));
        var settle = DurationOption.Create("--settle", "Give up early when neither lag nor the states changed for this long (--short: 15s).", TimeSpan.FromSeconds(full.SettleSeconds));
        var workDir = new Option<string>("--work-dir") { Description = "Folder for the run's files (default: a temporary folder, deleted at the end).", HelpName = "dir" };
        var keep = new Option<bool>("--keep") { Description = "Keep the work folder." };
        var root = new RootCommand(CliRunner.Describe(
            "Fault-injection suite on real processes: each scenario prints result lines for lost and duplicated events and the recovery time, then 'N passed, N failed'.",
            "scripts/chaos kill-worker poison --short"))
        {
            scenarios, isShort, customers, eventsPerCustomer, produceFor, partitions, sessionTimeout, recoveryBound, settle, workDir, keep,
        };
        root.HelpName = "scripts/chaos";
        root.SetAction(parsed =>
        {
            var brief = parsed.GetValue(isShort);
            // --short changes the defaults only: a size given explicitly with it still wins.
            T Pick<T>(Option<T> option, T shortDefault) => brief && parsed.GetResult(option) is null or { Implicit: true } ? shortDefault : parsed.GetValue(option)!;
            var options = new ChaosOptions
            {
                Short = brief,
                Customers = Pick(customers, 200),
                EventsPerCustomer = Pick(eventsPerCustomer, 100),
                ProduceSeconds = Pick(produceFor, TimeSpan.FromSeconds(8)).TotalSeconds,
                Partitions = parsed.GetValue(partitions),
                SessionTimeoutMs = (int)parsed.GetValue(sessionTimeout).TotalMilliseconds,
                RecoveryBoundSeconds = Pick(recoveryBound, TimeSpan.FromSeconds(45)).TotalSeconds,
                SettleSeconds = Pick(settle, TimeSpan.FromSeconds(15)).TotalSeconds,
                WorkDir = parsed.GetValue(workDir),
                Keep = parsed.GetValue(keep),
            };
            var chosen = parsed.GetValue(scenarios) ?? [];
            options.Scenarios.AddRange(chosen.Length == 0 || chosen.Contains("all") ? names : chosen);
            return run(options);
        });
        return root;
    }
}
