using Realtime.Evaluation;
using Realtime.Kafka;
using Realtime.Scoring.Cli;

namespace Realtime.Host.Cli;

/// <summary>The command line: <c>realtime &lt;verb&gt; [options] [--Section:Key=value ...]</c>.</summary>
public static class RealtimeCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length == 0 ? "help" : args[0];
        var rest = args.Skip(1).ToArray();
        switch (verb)
        {
            case "serve":
                return await ServeAsync(rest, AppMode.All);
            case "api":
                return await ServeAsync(rest, AppMode.Api);
            case "ingest":
                return await ServeAsync(rest, AppMode.Ingest);
            case "keys":
                return KeysCommand.Run(rest, Console.Out);
            case "dashboard-login":
                return await Dashboard.DashboardLoginCommand.RunAsync(rest, Console.Out);
            case "demo":
                return await DemoCommand.RunAsync(rest);
            case "broker":
                return await BrokerCommand.RunAsync(rest, Console.Out);
            case "train" when Option(rest, "--kafka-topic") is { } topic:
                {
                    // Replays a topic from the beginning: --kafka-topic realtime.events --kafka-bootstrap host:9092, with the
                    // Kafka:Client settings (security included) of the configuration.
                    using var broker = KafkaReplayBroker.Create(rest, Option(rest, "--kafka-bootstrap"));
                    return ChurnCli.Train(Without(rest, "--kafka-topic", "--kafka-bootstrap"), Console.Out, new KafkaTopicEventSource(broker, topic));
                }

            case "train":
                return ChurnCli.Train(rest, Console.Out);
            case "evaluate":
                return ChurnCli.Evaluate(rest, Console.Out);
            case "models":
                return ChurnCli.Models(rest, Console.Out);
            case "lifecycle" when rest.Length > 0 && rest[0] == "fit-clv":
                return await ClvFitCommand.RunAsync(rest[1..], Console.Out);
            case "eval" when rest.Length > 0:
                return Evaluations.Run(rest[0], EvalArguments.Parse(rest[1..]), Console.Out);
            default:
                Console.WriteLine(Usage);
                return verb is "help" or "--help" or "-h" ? 0 : 2;
        }
    }

    private static async Task<int> ServeAsync(string[] args, AppMode mode)
    {
        WebApplication app;
        try
        {
            app = RealtimeApp.Build(args, mode);
        }
        catch (InsecureConfigurationException ex)
        {
            Console.Error.WriteLine($"realtime: refusing to start: {ex.Message}");
            return 3;
        }

        await app.RunAsync();
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string[] Without(string[] args, params string[] names)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i]))
            {
                i++;
                continue;
            }

            kept.Add(args[i]);
        }

        return kept.ToArray();
    }

    private static string Usage => $"""
        realtime — real-time personalization engine

        usage: realtime <verb> [options] [--Section:Key=value ...]

          serve            gRPC API + ingest worker in one process
          api              gRPC API only (stateless; run as many replicas as you like)
          ingest           ingest worker only (one consumer-group member)
          broker           a Kafka-protocol mock broker (librdkafka's mock cluster) in its own process, with the
                           engine's topics; prints "broker 127.0.0.1:PORT" and runs until SIGTERM
                           (options {BrokerCommand.Usage}); used by scripts/chaos
          demo             everything on embedded defaults: mock Kafka broker, a local redis-server,
                           simulated store events; options --duration 60s --customers 300 --rate 2000
          train            train a churn model from event history ({ChurnCli.TrainUsage});
                           or replay a topic: train --kafka-topic realtime.events --kafka-bootstrap host:9092 [options]
                           (Kafka:Client and Kafka:ClientSecretFiles apply, e.g. --Kafka:Client:security.protocol=SASL_SSL)
          evaluate         re-run a model's evaluation report on any data ({ChurnCli.EvaluateUsage})
          models           the model registry: {ChurnCli.ModelsUsage}
          lifecycle fit-clv  refit the CLV model (BG/NBD + Gamma-Gamma) on the stored customers now, store it
                           and print the parameters (options --Redis:... --Lifecycle:ClvFit:MaxCustomers=...)
          keys             {KeysCommand.Usage}: a fresh API key and the configuration lines holding its hash
          dashboard-login  {Dashboard.DashboardLoginCommand.Usage}: a one-time link that signs a browser in to the dashboard
          eval <what>      offline evaluation on real datasets ({string.Join(", ", Evaluations.Names)})

        Configuration: appsettings.json, environment variables (Kafka__BootstrapServers=...), or --Kafka:BootstrapServers=...
        """;
}
