namespace Realtime.Chaos;

/// <summary>The fault scripts of <c>scripts/chaos</c> (docs/reliability.md, "Chaos suite").</summary>
internal static class Scenarios
{
    private static readonly TimeSpan s_progressBound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_pause = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("baseline", "no faults: checks the harness itself (states, DLQ, aggregates equal to a second fault-free run)", 1, false, _ => Task.FromResult(0L), CompareAggregates: true),
        new("kill-worker", "SIGKILL the only worker mid-batch 5 times, restarting it each time", 1, false, KillWorkerAsync, Crashes: true),
        new("kill-one-of-two", "two workers; SIGKILL one mid-stream, the survivor takes its partitions", 2, false, KillOneOfTwoAsync, Crashes: true),
        new("kill-redis", "SIGKILL redis-server mid-stream, restart it from its AOF after 1 s", 1, false, KillRedisAsync, Crashes: true),
        new("redis-rollback", "copy Redis's AOF dir, SIGKILL Redis 1 s later, restart it from the copy (a host crash)", 1, false, RedisRollbackAsync, Crashes: true),
        new("pause-redis", "SIGSTOP redis-server for 15 s, then SIGCONT", 1, false, ctx => PauseAsync(ctx, ctx.Env.Redis.Process, "redis-server")),
        new("pause-broker", "SIGSTOP the broker process for 15 s, then SIGCONT", 1, false, ctx => PauseAsync(ctx, ctx.Env.Broker.Process, "broker")),
        new("broker-down", "take the broker down for 15 s (connections closed and refused, records kept), then up", 1, false, BrokerDownAsync),
        new("rebalance-storm", "workers join and leave (SIGTERM) every 2 s for 30 s", 1, false, RebalanceStormAsync, MinProduceSeconds: 36),
        new("poison", "oversized, far-future, 1e308, fault-marker and 10,000-line records mixed into the stream", 1, true, _ => Task.FromResult(0L), CompareAggregates: true),
        new("sigterm", "SIGTERM the worker mid-stream (graceful stop), restart it", 1, false, SigtermAsync),
    ];

    public static Scenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The fault-free run the poison scenario's item statistics and counters are compared with.</summary>
    public static Scenario Reference { get; } = new("reference", "the valid stream without faults", 1, false, _ => Task.FromResult(0L));

    private static async Task<long> KillWorkerAsync(FaultContext ctx)
    {
        for (var k = 1; k <= 5; k++)
        {
            await ctx.Producer.WaitEnqueuedAsync(k / 7.0);
            await ctx.WaitForProgressAsync(s_progressBound);
            ctx.KillWorker(ctx.Env.Workers[0]);
            var w = await ctx.Env.StartWorkerAsync();
            FaultContext.Log($"restarted as {w.Name} ({k}/5)");
        }

        return FaultContext.Now;
    }

    private static async Task<long> KillOneOfTwoAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.4);
        await ctx.WaitForProgressAsync(s_progressBound);
        ctx.KillWorker(ctx.Env.Workers[1]);
        return FaultContext.Now;
    }

    private static async Task<long> KillRedisAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.5);
        await ctx.WaitForProgressAsync(s_progressBound);
        ctx.Env.Redis.Process.KillHard();
        FaultContext.Log("SIGKILL redis-server");
        await Task.Delay(1000);
        ctx.Env.Redis.Restart();
        FaultContext.Log("redis-server restarted from its AOF");
        return FaultContext.Now;
    }

    private static async Task<long> RedisRollbackAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.45);
        await ctx.WaitForProgressAsync(s_progressBound);
        var copy = ctx.Env.Redis.SnapshotDataDir();
        FaultContext.Log("copied the AOF dir");
        await Task.Delay(1000);
        ctx.Env.Redis.Process.KillHard();
        FaultContext.Log("SIGKILL redis-server");
        ctx.Env.Redis.Restart(copy);
        FaultContext.Log("redis-server restarted from the copy taken 1 s before the kill");
        return FaultContext.Now;
    }

    /// <summary>An outage without a stopped process: the mock's brokers set down (SIGUSR1 to <c>realtime broker</c>) and up.</summary>
    private static async Task<long> BrokerDownAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.4);
        await ctx.WaitForProgressAsync(s_progressBound);
        ctx.Env.Broker.Process.Signal(Signals.User1);
        FaultContext.Log($"broker down for {s_pause.TotalSeconds} s");
        await Task.Delay(s_pause);
        ctx.Env.Broker.Process.Signal(Signals.User2);
        FaultContext.Log("broker up");
        return FaultContext.Now;
    }

    private static async Task<long> PauseAsync(FaultContext ctx, ChildProcess target, string name)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.4);
        await ctx.WaitForProgressAsync(s_progressBound);
        target.Signal(Signals.Stop);
        FaultContext.Log($"SIGSTOP {name} for {s_pause.TotalSeconds} s");
        await Task.Delay(s_pause);
        target.Signal(Signals.Continue);
        FaultContext.Log($"SIGCONT {name}");
        return FaultContext.Now;
    }

    private static async Task<long> RebalanceStormAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.1);
        var leaving = new List<Task>();
        var storm = System.Diagnostics.Stopwatch.StartNew();
        for (var step = 0; storm.Elapsed < TimeSpan.FromSeconds(30); step++)
        {
            var tick = Task.Delay(2000);
            // 1 → 2 → 3 → 2 → 1 → 2 ...: join, join, leave, leave.
            if (step % 4 < 2 || ctx.Env.Workers.Count == 1)
            {
                var w = await ctx.Env.StartWorkerAsync();
                FaultContext.Log($"{w.Name} joined ({ctx.Env.Workers.Count} workers)");
            }
            else
            {
                var w = ctx.Env.Workers[0]; // the oldest leaves: it holds the most partitions
                ctx.Env.Workers.Remove(w);
                leaving.Add(w.TerminateAsync(TimeSpan.FromSeconds(20)));
                FaultContext.Log($"SIGTERM {w.Name} ({ctx.Env.Workers.Count} workers)");
            }

            await tick;
        }

        await Task.WhenAll(leaving);
        return FaultContext.Now;
    }

    private static async Task<long> SigtermAsync(FaultContext ctx)
    {
        await ctx.Producer.WaitEnqueuedAsync(0.5);
        await ctx.WaitForProgressAsync(s_progressBound);
        var w = ctx.Env.Workers[0];
        ctx.Env.Workers.Remove(w);
        var clean = await w.TerminateAsync(TimeSpan.FromSeconds(20));
        FaultContext.Log(clean ? $"{w.Name} stopped on SIGTERM" : $"{w.Name} did not stop within 20 s of SIGTERM; SIGKILLed");
        var again = await ctx.Env.StartWorkerAsync();
        FaultContext.Log($"restarted as {again.Name}");
        return FaultContext.Now;
    }
}
