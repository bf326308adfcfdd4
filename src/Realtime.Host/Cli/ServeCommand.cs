using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary><c>realtime serve | api | ingest</c>: runs the engine until SIGTERM, or says in one line why it cannot start.</summary>
internal static class ServeCommand
{
    public static Command Create(string name, string description, AppMode mode)
    {
        var command = new ConfiguredCommand(
            name,
            description + " Needs Kafka:BootstrapServers (the brokers, or 'embedded' for an in-process mock broker).",
            $"realtime {name} --Kafka:BootstrapServers=kafka:9092 --Redis:ConnectionString=redis:6379 --Api:GrpcPort=50051");
        command.SetAction(parsed => RunAsync(ConfigurationOverrides.Of(parsed), mode));
        return command;
    }

    public static async Task<int> RunAsync(string[] settings, AppMode mode)
    {
        try
        {
            await using var app = RealtimeApp.Build(settings, mode);
            await app.RunAsync();
            return ExitCodes.Success;
        }
        catch (Exception ex) when (EngineStartup.Explain(ex, EngineStartup.Configuration(settings), mode) is { } failure)
        {
            throw failure;
        }
    }
}
