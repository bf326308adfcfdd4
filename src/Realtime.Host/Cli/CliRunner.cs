using System.CommandLine;
using System.CommandLine.Help;

namespace Realtime.Host.Cli;

/// <summary>
/// Runs a command tree the same way for <c>realtime</c>, <c>scripts/bench</c> and the chaos harness: a bad value, a
/// missing one or an unknown option is one line on stderr and exit code <see cref="ExitCodes.Usage"/>;
/// <c>--Section:Key=value</c> tokens pass through to a <see cref="ConfiguredCommand"/>; a <see cref="CliException"/>
/// from a command is its one-line message and exit code.
/// </summary>
public static class CliRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(args);
        var command = CommandPath(parsed.CommandResult.Command);
        if (Problems(parsed) is { Count: > 0 } problems)
        {
            error.WriteLine($"{command}: {string.Join("; ", problems)} (see {command} --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // The engine and the demo handle SIGINT/SIGTERM themselves (graceful drain); the library must not.
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliException ex)
        {
            error.WriteLine($"{command}: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug rather than a user's mistake: keep the stack trace, but end as a failed command, not an abort.
            error.WriteLine($"{command}: failed: {ex}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A one-line summary followed by an example line, as every command's help shows it.</summary>
    public static string Describe(string summary, string example) =>
        $"{summary}{Environment.NewLine}{Environment.NewLine}Example:{Environment.NewLine}  {example}";

    /// <summary>The command's names from the root, e.g. <c>realtime lifecycle fit-clv</c>.</summary>
    public static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            names.Add(s is RootCommand root ? root.HelpName ?? s.Name : s.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The library's messages can span lines (a list of allowed values): one line, for scripts and logs.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    private static List<string> Problems(ParseResult parsed)
    {
        // Help asked for: no other complaint.
        if (parsed.Action is HelpAction)
        {
            return [];
        }

        var problems = parsed.Errors.Select(e => OneLine(e.Message)).ToList();
        if (parsed.CommandResult.Command is ConfiguredCommand)
        {
            problems.AddRange(parsed.UnmatchedTokens.Where(t => !ConfigurationOverrides.IsOverride(t)).Select(t => $"unknown option or argument '{t}'"));
        }

        return problems.Distinct().ToList();
    }
}
