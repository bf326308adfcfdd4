using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>Options of <c>realtime demo</c>.</summary>
/// <param name="Duration">How long live events flow after the history is shown; null = until Ctrl-C.</param>
/// <param name="Customers">Simulated customers.</param>
/// <param name="Rate">Events per second while the history is produced.</param>
/// <param name="ConfigArgs">--Section:Key=value settings for the engine.</param>
internal sealed record DemoOptions(TimeSpan? Duration, int Customers, int Rate, string[] ConfigArgs)
{
    public static Command CreateCommand()
    {
        var duration = DurationOption.CreateOptional("--duration", "How long live events keep flowing once the history is loaded and shown (default: until Ctrl-C).");
        var customers = NumberOption.AtLeast("--customers", "Simulated customers.", 300);
        var rate = NumberOption.AtLeast("--rate", "Events per second while the 180 days of history are produced.", 2000);
        var command = new ConfiguredCommand(
            "demo",
            "Everything on embedded defaults: the in-process mock Kafka broker, a local redis-server and a simulated store's events; prints live profiles and serves gRPC until Ctrl-C.",
            "realtime demo --duration 90s --customers 300 --rate 2000")
        {
            duration,
            customers,
            rate,
        };
        command.SetAction(async parsed =>
        {
            var options = new DemoOptions(parsed.GetValue(duration), parsed.GetValue(customers), parsed.GetValue(rate), ConfigurationOverrides.Of(parsed));
            try
            {
                return await DemoCommand.RunAsync(options);
            }
            catch (Exception ex) when (EngineStartup.Explain(ex, EngineStartup.Configuration(options.ConfigArgs), AppMode.All) is { } failure)
            {
                throw failure;
            }
        });
        return command;
    }
}
