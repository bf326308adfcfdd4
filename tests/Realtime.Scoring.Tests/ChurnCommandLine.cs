using System.CommandLine;
using Realtime.Scoring.Cli;

namespace Realtime.Scoring.Tests;

/// <summary>
/// Runs the churn commands under a root command as <c>realtime</c> does: parse errors become one line on stderr and
/// exit code 2 (the root's rule), everything else is the commands' own output and exit code.
/// </summary>
internal static class ChurnCommandLine
{
    public static CliRun Run(params string[] args)
    {
        var root = new RootCommand("realtime");
        foreach (var command in ChurnCommands.Create())
        {
            root.Add(command);
        }

        var (output, error) = (new StringWriter(), new StringWriter());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"{args[0]}: {parsed.Errors[0].Message}");
            return new CliRun(2, output.ToString(), error.ToString());
        }

        var exit = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}

/// <summary>One command run: exit code, stdout, stderr.</summary>
internal sealed record CliRun(int Exit, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
