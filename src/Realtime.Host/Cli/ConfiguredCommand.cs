using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>
/// A command that runs with the engine's configuration (appsettings.json, environment variables) and so takes
/// <c>--Section:Key=value</c> settings among its tokens (<see cref="ConfigurationOverrides"/>).
/// </summary>
internal sealed class ConfiguredCommand : Command
{
    public ConfiguredCommand(string name, string description)
        : base(name, description + Environment.NewLine + "Any --Section:Key=value setting applies (e.g. --Kafka:BootstrapServers=host:9092).")
    {
    }
}
