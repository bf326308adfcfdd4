namespace Realtime.Chaos;

/// <summary><c>realtime broker</c> as a child process: the mock cluster outlives the workers the harness kills.</summary>
internal sealed class ChaosBroker : IDisposable
{
    private ChaosBroker(ChildProcess process, string bootstrap)
    {
        Process = process;
        BootstrapServers = bootstrap;
    }

    public ChildProcess Process { get; }

    public string BootstrapServers { get; }

    public static async Task<ChaosBroker> StartAsync(string root, string pidFile, int partitions)
    {
        var process = ChildProcess.Start(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "realtime.dll"), "broker", "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Path.Combine(root, "broker.log"),
            pidFile);
        string line;
        try
        {
            line = await process.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Dispose();
            throw new TimeoutException("realtime broker did not print its address within 30 s");
        }

        if (!line.StartsWith("broker ", StringComparison.Ordinal))
        {
            process.Dispose();
            throw new InvalidOperationException($"realtime broker printed '{line}', expected 'broker HOST:PORT'");
        }

        return new ChaosBroker(process, line["broker ".Length..].Trim());
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Signal(Signals.Continue);
            Process.Signal(Signals.Term);
            if (!Process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                Process.KillHard();
            }
        }

        Process.Dispose();
    }
}
