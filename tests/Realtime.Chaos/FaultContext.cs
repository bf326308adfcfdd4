using System.Diagnostics;

namespace Realtime.Chaos;

/// <summary>What a fault script works with: the processes, the producer's progress, and a log line writer.</summary>
internal sealed class FaultContext(ChaosEnvironment env, StreamProducer producer)
{
    public ChaosEnvironment Env { get; } = env;

    public StreamProducer Producer { get; } = producer;

    public static long Now => Stopwatch.GetTimestamp();

    public static void Log(string message) => Console.Error.WriteLine($"  [chaos] {message}");

    /// <summary>Waits until the group has committed progress past what it had (the workers are in their batch loop), bounded.</summary>
    public async Task WaitForProgressAsync(TimeSpan bound)
    {
        var before = Env.Probe.Committed();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < bound)
        {
            await Task.Delay(100);
            var now = Env.Probe.Committed();
            if (now is not null && (before is null || now > before))
            {
                return;
            }

            if (Env.Probe.Lag() == 0 && Producer.FinishedAt != 0)
            {
                return; // nothing left to make progress on
            }
        }
    }

    /// <summary>SIGKILLs a live worker and forgets it.</summary>
    public void KillWorker(ChaosWorker worker)
    {
        worker.Process.KillHard();
        Env.Workers.Remove(worker);
        Log($"SIGKILL {worker.Name} (pid {worker.Process.Pid})");
    }
}
