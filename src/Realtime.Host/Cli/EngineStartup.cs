using Microsoft.Extensions.Options;

namespace Realtime.Host.Cli;

/// <summary>
/// Why the engine could not start, as the one-line error of the command that started it: a refused or invalid
/// configuration, a missing setting, a port in use. Null for any other failure (a bug: its stack trace is kept).
/// </summary>
internal static class EngineStartup
{
    /// <param name="ex">What building or starting the engine threw.</param>
    /// <param name="configuration">The engine's configuration, to name the port setting.</param>
    /// <param name="mode">Which parts of the engine were starting.</param>
    public static CliException? Explain(Exception ex, IConfiguration configuration, AppMode mode) => ex switch
    {
        InsecureConfigurationException => new CliException($"refusing to start: {ex.Message}", ExitCodes.Refused),
        MissingSettingException => new CliException(ex.Message, ExitCodes.Usage),
        OptionsValidationException v => new CliException($"invalid configuration: {string.Join("; ", v.Failures)}", ExitCodes.Usage),
        AggregateException { InnerExceptions: var all } when all.All(e => e is OptionsValidationException) =>
            new CliException($"invalid configuration: {string.Join("; ", all.Cast<OptionsValidationException>().SelectMany(e => e.Failures))}", ExitCodes.Usage),
        InvalidOperationException when ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            new CliException($"invalid configuration: {ex.Message.TrimEnd('.')}", ExitCodes.Usage),
        _ when PortInUse.Is(ex) => new CliException(PortInUse.Explain(ex, configuration, mode)),
        _ => null,
    };

    /// <summary>The configuration an engine started with <paramref name="settings"/> reads (before it is built).</summary>
    public static IConfiguration Configuration(string[] settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(settings)
        .Build();
}
