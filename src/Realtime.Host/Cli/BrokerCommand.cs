using System.CommandLine;
using System.Runtime.InteropServices;
using Realtime.Testing;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime broker</c>: librdkafka's mock cluster in a process of its own, so a chaos run (scripts/chaos) can kill,
/// restart or SIGSTOP workers and Redis while the broker and its topics live on, or SIGSTOP the broker itself.
/// Creates the engine's topics, prints one line <c>broker 127.0.0.1:PORT</c> on stdout and runs until SIGTERM/SIGINT.
/// SIGUSR1 takes the broker down (connections closed and refused, records kept), SIGUSR2 brings it back up.
/// </summary>
public static class BrokerCommand
{
    // Raw signal numbers (Linux): PosixSignal names only the portable ones.
    private const PosixSignal SigUsr1 = (PosixSignal)10;
    private const PosixSignal SigUsr2 = (PosixSignal)12;

    private static readonly string[] s_defaultTopics =
        ["realtime.events", "realtime.dlq", "realtime.segments", "realtime.decisions", "realtime.impressions"];

    public static Command Create(TextWriter output)
    {
        var partitions = NumberOption.AtLeast("--partitions", "Partitions of each topic.", 4, maximum: 256);
        var topics = new Option<string[]>("--topics")
        {
            Description = "Comma-separated topics to create.",
            HelpName = "topic,topic...",
            DefaultValueFactory = _ => s_defaultTopics,
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var command = new Command("broker", CliRunner.Describe(
            "A Kafka-protocol mock broker (librdkafka's mock cluster) in its own process with the engine's topics; prints 'broker 127.0.0.1:PORT' and runs until SIGTERM; SIGUSR1 takes it down, SIGUSR2 brings it back (used by scripts/chaos).",
            "realtime broker --partitions 8 --topics realtime.events,realtime.dlq"))
        {
            partitions,
            topics,
        };
        command.SetAction(parsed => RunAsync(parsed.GetValue(partitions), parsed.GetRequiredValue(topics), output));
        return command;
    }

    public static async Task<int> RunAsync(int partitions, string[] topics, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => Stop(ctx, stop));
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => Stop(ctx, stop));
        using var kafka = EmbeddedKafka.Start();
        foreach (var topic in topics)
        {
            kafka.CreateTopic(topic, partitions);
        }

        using var onDown = PosixSignalRegistration.Create(SigUsr1, ctx => SetDown(ctx, kafka, down: true, output));
        using var onUp = PosixSignalRegistration.Create(SigUsr2, ctx => SetDown(ctx, kafka, down: false, output));

        // One line, flushed at once: the parent process waits for it to learn where to connect.
        output.WriteLine($"broker {kafka.BootstrapServers}");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static void SetDown(PosixSignalContext context, EmbeddedKafka kafka, bool down, TextWriter output)
    {
        context.Cancel = true;
        kafka.SetDown(down);
        output.WriteLine(down ? "broker down" : "broker up");
        output.Flush();
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true; // shut down here, disposing the cluster, rather than letting the runtime exit abruptly
        stop.Cancel();
    }
}
