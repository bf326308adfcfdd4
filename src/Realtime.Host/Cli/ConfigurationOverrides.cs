using System.CommandLine;
using System.Text.RegularExpressions;

namespace Realtime.Host.Cli;

/// <summary>
/// Configuration settings given on the command line, <c>--Section:Key=value</c> (ASP.NET Core's command-line
/// configuration syntax), which a <see cref="ConfiguredCommand"/> passes to the host unparsed. Only that shape passes:
/// a key with a section (<c>--Kafka:BootstrapServers=host:9092</c>) or a PascalCase top-level key
/// (<c>--ShutdownTimeoutSeconds=20</c>), joined to its value by '='; a misspelt option such as <c>--custmers 5</c>
/// stays an error.
/// </summary>
public static partial class ConfigurationOverrides
{
    public static bool IsOverride(string token) => Shape().IsMatch(token);

    /// <summary>The settings among the tokens the command did not match, in order, for the host's configuration.</summary>
    public static string[] Of(ParseResult parsed) => parsed.UnmatchedTokens.Where(IsOverride).ToArray();

    [GeneratedRegex(@"^--([A-Za-z0-9_.\-]+(:[A-Za-z0-9_.\-]+)+|[A-Z][A-Za-z0-9_]*)=")]
    private static partial Regex Shape();
}
