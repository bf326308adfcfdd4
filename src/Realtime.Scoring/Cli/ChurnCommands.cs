using System.CommandLine;

namespace Realtime.Scoring.Cli;

/// <summary>
/// The data scientist's verbs of <c>realtime</c> as System.CommandLine commands: <c>train</c>, <c>evaluate</c> and
/// <c>models list|promote|rollback</c>, and the recommendation ranker's <c>ranker train|list|promote|rollback</c>. Exit codes: 0 done, 1 failed (not enough data, a refused or constant model),
/// 2 usage (a bad value the command itself checks; parse errors are the root command's to map to 2).
/// Reports go to the invocation's output; errors and warnings, one line each, to its error writer; a live progress
/// counter too, when that writer is the console's stderr and stderr is a terminal. docs/churn.md documents the options.
/// </summary>
public static class ChurnCommands
{
    /// <param name="kafkaReplay">
    /// Opens <c>train --kafka-topic</c>'s topic (the host's Kafka adapter); null leaves the option to fail with a one-line error.
    /// </param>
    public static IReadOnlyList<Command> Create(IKafkaTopicReplay? kafkaReplay = null) =>
        [TrainCommand.Create(kafkaReplay), EvaluateCommand.Create(), ModelsCommand.Create(), RankerCommand.Create()];

    /// <summary>The shared <c>--models</c> option: the registry folder.</summary>
    internal static Option<string> ModelsRoot() => new("--models")
    {
        Description = "The model registry folder (what the API's Churn:ModelsRoot points at)",
        DefaultValueFactory = _ => "models",
        HelpName = "folder",
    };

    /// <summary>A one-line usage error (exit code 2).</summary>
    internal static int Usage(ParseResult parsed, string message)
    {
        parsed.InvocationConfiguration.Error.WriteLine($"{parsed.CommandResult.Command.Name}: {message.ReplaceLineEndings(" ")}");
        return 2;
    }

    /// <summary>A one-line failure (exit code 1).</summary>
    internal static int Failure(ParseResult parsed, string message)
    {
        parsed.InvocationConfiguration.Error.WriteLine($"{parsed.CommandResult.Command.Name}: {message.ReplaceLineEndings(" ")}");
        return 1;
    }

    /// <summary>stderr for the live counter when it is the console's and a terminal; null otherwise (logs, tests).</summary>
    internal static TextWriter? Terminal(ParseResult parsed) =>
        ReferenceEquals(parsed.InvocationConfiguration.Error, Console.Error) && !Console.IsErrorRedirected ? Console.Error : null;
}
