using System.Globalization;
using System.Runtime.InteropServices;
using Realtime.Testing;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime broker</c>: librdkafka's mock cluster in a process of its own, so a chaos run (scripts/chaos) can kill,
/// restart or SIGSTOP workers and Redis while the broker and its topics live on, or SIGSTOP the broker itself.
/// Creates the engine's topics, prints one line <c>broker 127.0.0.1:PORT</c> on stdout and runs until SIGTERM/SIGINT.
/// </summary>
public static class BrokerCommand
{
    public const string Usage = "--partitions 4 --topics realtime.events,realtime.dlq,...";

    private static readonly string[] s_defaultTopics =
        ["realtime.events", "realtime.dlq", "realtime.segments", "realtime.decisions", "realtime.impressions"];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var partitions = 4;
        var topics = s_defaultTopics;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--partitions" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 256:
                    partitions = p;
                    break;
                case "--topics":
                    topics = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    Console.Error.WriteLine($"realtime broker: unknown or invalid option {args[i]} {args[i + 1]}; usage: realtime broker {Usage}");
                    return 2;
            }
        }

        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"realtime broker: option {args[^1]} needs a value; usage: realtime broker {Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => Stop(ctx, stop));
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => Stop(ctx, stop));
        using var kafka = EmbeddedKafka.Start();
        foreach (var topic in topics)
        {
            kafka.CreateTopic(topic, partitions);
        }

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

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true; // shut down here, disposing the cluster, rather than letting the runtime exit abruptly
        stop.Cancel();
    }
}
