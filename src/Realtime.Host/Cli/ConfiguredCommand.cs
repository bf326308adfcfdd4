using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>
/// A command that runs with the engine's configuration (appsettings.json, environment variables) and so takes
/// <c>--Section:Key=value</c> settings among its tokens (<see cref="ConfigurationOverrides"/>); any other unknown
/// token is an error (<see cref="CliRunner"/>).
/// </summary>
internal sealed class ConfiguredCommand : Command
{
    public ConfiguredCommand(string name, string summary, string example)
        : base(name, CliRunner.Describe(summary + " Any --Section:Key=value configuration setting applies.", example))
    {
        TreatUnmatchedTokensAsErrors = false;
    }
}
