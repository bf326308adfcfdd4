using System.CommandLine;
using Realtime.Evaluation;
using Realtime.Host.Dashboard;
using Realtime.Scoring.Cli;

namespace Realtime.Host.Cli;

/// <summary>The command line: <c>realtime &lt;command&gt; [options] [--Section:Key=value ...]</c>.</summary>
public static class RealtimeCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs one command line with its output captured (tests invoke the root command in-process).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        CliRunner.InvokeAsync(Build(output), args, output, error);

    /// <summary>The whole command tree; commands write their results to <paramref name="output"/>.</summary>
    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand(CliRunner.Describe(
            "realtime — real-time personalization engine. Configuration: appsettings.json, environment variables "
            + "(Kafka__BootstrapServers=...) or --Section:Key=value on the commands that run the engine.",
            "realtime serve --Kafka:BootstrapServers=kafka:9092 --Redis:ConnectionString=redis:6379"))
        {
            HelpName = "realtime",
        };
        root.Add(ServeCommand.Create("serve", "gRPC API and ingest worker in one process.", AppMode.All));
        root.Add(ServeCommand.Create("api", "gRPC API only (stateless: run as many replicas as you like).", AppMode.Api));
        root.Add(ServeCommand.Create("ingest", "Ingest worker only (one member of the consumer group).", AppMode.Ingest));
        root.Add(DemoOptions.CreateCommand());
        root.Add(BrokerCommand.Create(output));
        root.Add(KeysCommand.Create(output));
        root.Add(LifecycleCommand(output));
        root.Add(AudiencesCommand.Create(output));
        root.Add(Evaluations.CreateCommand(output));
        root.Add(DashboardLoginCommand.Create(output));
        // train, evaluate, models: the data scientist's commands; train --kafka-topic replays through the Kafka adapter.
        foreach (var churn in ChurnCommands.Create(new KafkaTopicReplay()))
        {
            root.Add(churn);
        }

        return root;
    }

    private static Command LifecycleCommand(TextWriter output)
    {
        var fitClv = new ConfiguredCommand(
            "fit-clv",
            "Refit the CLV model (BG/NBD + Gamma-Gamma) on the stored customers now, store it and print its parameters. Exit code 0 when a model was stored.",
            "realtime lifecycle fit-clv --Redis:ConnectionString=127.0.0.1:6379 --Lifecycle:ClvFit:MaxCustomers=50000");
        fitClv.SetAction(parsed => ClvFitCommand.RunAsync(ConfigurationOverrides.Of(parsed), output));
        var lifecycle = new Command("lifecycle", CliRunner.Describe("Lifecycle model maintenance.", "realtime lifecycle fit-clv --help")) { fitClv };
        return lifecycle;
    }
}
