using System.Runtime.InteropServices;
using Realtime.Chaos;
using Realtime.Host.Cli;

return await CliRunner.InvokeAsync(ChaosOptions.CreateCommand(RunAsync), args, Console.Out, Console.Error);

static async Task<int> RunAsync(ChaosOptions options)
{
    var ownDir = options.WorkDir is null;
    var workDir = options.WorkDir ?? Directory.CreateTempSubdirectory("realtime-chaos-").FullName;
    Directory.CreateDirectory(workDir);
    var pidFile = Path.Combine(workDir, "pids");
    // Ctrl-C or SIGTERM from scripts/chaos: kill every child by its pid before leaving.
    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Children.KillAll(pidFile));
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Children.KillAll(pidFile));
    var runner = new ScenarioRunner(options, workDir);
    var results = new List<ScenarioResult>();
    try
    {
        foreach (var name in options.Scenarios)
        {
            ScenarioResult result;
            try
            {
                result = await runner.RunAsync(Scenarios.Find(name)!);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = new ScenarioResult(Scenarios.Find(name)!) { Lost = -1 };
                result.Failures.Add($"the harness failed: {ex.GetType().Name}: {ex.Message}");
            }

            result.Print(Console.Out);
            results.Add(result);
        }
    }
    finally
    {
        Children.KillAll(pidFile);
        if (ownDir && !options.Keep)
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    var passed = results.Count(r => r.Passed);
    Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
    return passed == results.Count ? 0 : 1;
}
