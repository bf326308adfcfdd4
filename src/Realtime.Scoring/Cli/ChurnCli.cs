using System.CommandLine;
using Realtime.Core.History;

namespace Realtime.Scoring.Cli;

/// <summary>
/// Bridge for the old string-array entry points, so today's <c>RealtimeCli</c> keeps building until the root command
/// adds <see cref="ChurnCommands.Create"/> (the lead's merge step); every call runs the System.CommandLine commands.
/// Delete this file then: nothing else uses it.
/// </summary>
public static class ChurnCli
{
    public const string TrainUsage = "see realtime train --help";
    public const string EvaluateUsage = "see realtime evaluate --help";
    public const string ModelsUsage = "list | promote <version> [--force] | rollback (realtime models --help)";

    public static int Train(string[] args, TextWriter output, IEventSource? source = null) =>
        source is null ? Run(["train", .. args], output, null) : Run(["train", .. args, "--kafka-topic", source.Description], output, new GivenSource(source));

    public static int Evaluate(string[] args, TextWriter output) => Run(["evaluate", .. args], output, null);

    public static int Models(string[] args, TextWriter output) => Run(["models", .. args], output, null);

    private static int Run(string[] args, TextWriter output, IKafkaTopicReplay? replay)
    {
        var root = new RootCommand("realtime");
        foreach (var command in ChurnCommands.Create(replay))
        {
            root.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{args[0]}: {parsed.Errors[0].Message}");
            return 2;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = Console.Error });
    }

    /// <summary>The topic the caller already opened (and disposes).</summary>
    private sealed class GivenSource(IEventSource source) : IKafkaTopicReplay
    {
        public IEventSource Open(string topic, string? bootstrap, IReadOnlyList<string> configurationArguments) => source;
    }
}
