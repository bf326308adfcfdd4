using System.CommandLine;
using System.CommandLine.Help;

namespace Realtime.Host.Cli;

/// <summary>
/// Runs a command tree the same way for <c>realtime</c>, <c>scripts/bench</c> and the chaos harness: a bad value, a
/// missing one or an unknown option is one line on stderr and exit code <see cref="ExitCodes.Usage"/>;
/// <c>--Section:Key=value</c> tokens pass through to a <see cref="ConfiguredCommand"/>;
/// a <see cref="CliException"/> from a command is its one-line message and exit code.
/// </summary>
public static class CliRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        // Unknown tokens are reported here, in one line with the rest, rather than by the library.
        DontTreatUnmatchedTokensAsErrors(root);
        var parsed = root.Parse(args);
        if (Problems(parsed) is { Count: > 0 } problems)
        {
            error.WriteLine($"{CommandPath(parsed.CommandResult.Command)}: {string.Join("; ", problems)} (see {CommandPath(parsed.CommandResult.Command)} --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                // The engine and the demo handle SIGINT/SIGTERM themselves (graceful drain); the library must not.
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliException ex)
        {
            error.WriteLine($"{CommandPath(parsed.CommandResult.Command)}: {ex.Message}");
            return ex.ExitCode;
        }
    }

    /// <summary>A one-line description followed by an example line, as every command's help shows it.</summary>
    public static string Describe(string description, string example) => $"{description}{Environment.NewLine}{Environment.NewLine}Example:{Environment.NewLine}  {example}";

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

    private static void DontTreatUnmatchedTokensAsErrors(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands)
        {
            DontTreatUnmatchedTokensAsErrors(sub);
        }
    }

    private static List<string> Problems(ParseResult parsed)
    {
        // Help asked for: no other complaint (an unknown option beside --help still gets the help).
        if (parsed.Action is HelpAction)
        {
            return [];
        }

        var problems = parsed.Errors.Select(e => e.Message.TrimEnd('.')).ToList();
        if (parsed.CommandResult.Command is PassThroughCommand)
        {
            return problems;
        }

        var acceptsConfiguration = parsed.CommandResult.Command is ConfiguredCommand;
        problems.AddRange(parsed.UnmatchedTokens
            .Where(t => !(acceptsConfiguration && ConfigurationOverrides.IsOverride(t)))
            .Select(t => ConfigurationOverrides.IsOverride(t)
                ? $"'{t}': this command takes no --Section:Key=value settings"
                : $"unknown option or argument '{t}'"));
        return problems.Distinct().ToList();
    }
}
