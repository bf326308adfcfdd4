using System.Diagnostics;
using Realtime.Core.Simulation;
using Realtime.Host;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public class CrashRecoveryTests(Servers servers)
{
    [Fact]
    public async Task A_worker_killed_mid_stream_and_restarted_loses_nothing_and_counts_nothing_twice()
    {
        var scope = servers.NewScope("crash");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 300, Seed = 5, IncludeCatalog = false }).ToList();
        var expected = TestScope.ExpectedStates(events);

        // The first worker is a separate OS process, so "abruptly" means SIGKILL: no shutdown hook, no final commit.
        using var worker = StartWorkerProcess(scope);
        var producing = Task.Run(() => ProducePaced(scope, events, eventsPerSecond: 2_500));

        await WaitUntilAsync(async () => (await scope.MismatchesAsync(expected)).Count < expected.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(700);
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
        var missingAtCrash = (await scope.MismatchesAsync(expected)).Count;
        Assert.True(missingAtCrash > 0, "the worker finished before it was killed; the test did not crash it mid-stream");

        await using var restarted = scope.BuildEngine(AppMode.Ingest);
        await restarted.StartAsync();
        await producing;
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, TimeSpan.FromSeconds(90));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await restarted.StopAsync();
    }

    private static Process StartWorkerProcess(TestScope scope)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "realtime.dll"));
        info.ArgumentList.Add("ingest");
        foreach (var arg in scope.SettingsAsArgs)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static void ProducePaced(TestScope scope, List<Realtime.Core.Events.CustomerEvent> events, int eventsPerSecond)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i += 250)
        {
            scope.Produce(events.Skip(i).Take(250));
            var ahead = TimeSpan.FromSeconds((i + 250) / (double)eventsPerSecond) - clock.Elapsed;
            if (ahead > TimeSpan.Zero)
            {
                Thread.Sleep(ahead);
            }
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
