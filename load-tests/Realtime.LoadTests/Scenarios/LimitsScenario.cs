using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Realtime.Core.State;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// What the hardware and Redis allow, as the yardstick for everything else: loopback round trips from the .NET
/// client (PING, GET; single and pipelined), raw pipelined write throughput (SET and HSET of 500-byte values in
/// pipelines of 1000), the engine's own compare-and-set write path, and redis-benchmark's figure when installed.
/// </summary>
internal static partial class LimitsScenario
{
    private const int ValueBytes = 500;
    private const int Pipeline = 1000;
    private static readonly string[] s_benchmarkPaths = ["/usr/bin/redis-benchmark", "/usr/local/bin/redis-benchmark"];

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var db = env.Redis.GetDatabase();
        var step = env.Options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Clamp(env.Options.Duration.TotalSeconds / 6, 2, 5));
        var value = new byte[ValueBytes];
        Random.Shared.NextBytes(value);
        await db.StringSetAsync("limits:get", value);

        // Warm the connection and the JIT.
        for (var i = 0; i < 2000; i++)
        {
            await db.PingAsync();
        }

        var ping = await SequentialAsync(step, () => db.PingAsync());
        results.Report("redis_rtt_p50", ping.Ms(50), "ms");
        results.Report("redis_rtt_p99", ping.Ms(99), "ms");
        var get = await SequentialAsync(step, () => db.StringGetAsync("limits:get"));
        results.Report("redis_get_p50", get.Ms(50), "ms");
        results.Report("redis_get_p99", get.Ms(99), "ms");
        var pipelined = await SequentialAsync(step, () => Task.WhenAll(Enumerable.Range(0, 100).Select(_ => db.StringGetAsync("limits:get"))));
        results.Report("redis_get_pipelined100_p50", pipelined.Ms(50), "ms");
        results.Report("redis_get_pipelined100_p99", pipelined.Ms(99), "ms");

        var set = await WriteThroughputAsync(step, (i, batch) => db.StringSetAsync($"limits:set:{i % 100_000}", value));
        results.Report("redis_set_pipelined_ops_per_s", set, "1/s");
        var hset = await MeasureWriteLimitAsync(env, step);
        results.Report("redis_write_limit_ops_per_s", hset, "1/s");
        results.Report("redis_hset_pipelined_ops_per_s", hset, "1/s");
        results.Report("redis_cas_write_states_per_s", await CasThroughputAsync(env, step), "1/s");
        // Remove what this scenario wrote (never FLUSHDB: --redis may point at a shared server).
        for (var i = 0; i < 100_000; i += Pipeline)
        {
            var keys = Enumerable.Range(i, Pipeline).SelectMany(k => new RedisKey[] { $"limits:set:{k}", $"limits:hset:{k}" }).ToArray();
            await db.KeyDeleteAsync(keys);
        }

        if (RedisBenchmark(env) is { } figure)
        {
            results.Report("redis_benchmark_set_ops_per_s", figure, "1/s");
        }
    }

    /// <summary>Raw pipelined HSET of a 500-byte value plus two small fields (the shape of a customer hash), ops/s.</summary>
    public static async Task<double> MeasureWriteLimitAsync(BenchEnvironment env, TimeSpan duration)
    {
        var db = env.Redis.GetDatabase();
        var value = new byte[ValueBytes];
        Random.Shared.NextBytes(value);
        var ops = await WriteThroughputAsync(duration, (i, batch) => db.HashSetAsync($"limits:hset:{i % 100_000}", [new("s", value), new("p", 1), new("o", i)]));
        for (var i = 0; i < 100_000; i += Pipeline)
        {
            await db.KeyDeleteAsync(Enumerable.Range(i, Pipeline).Select(k => (RedisKey)$"limits:hset:{k}").ToArray());
        }

        return ops;
    }

    /// <summary>One call at a time for <paramref name="duration"/>: each sample is one full round trip.</summary>
    private static async Task<Latency> SequentialAsync(TimeSpan duration, Func<Task> call)
    {
        var latency = new Latency();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            latency.Record(Stopwatch.GetElapsedTime(start));
        }

        return latency;
    }

    /// <summary>Pipelines of <see cref="Pipeline"/> writes, two in flight, for <paramref name="duration"/>; ops/s.</summary>
    private static async Task<double> WriteThroughputAsync(TimeSpan duration, Func<long, int, Task> write)
    {
        long ops = 0;
        var clock = Stopwatch.StartNew();
        Task? previous = null;
        while (clock.Elapsed < duration)
        {
            var batch = new Task[Pipeline];
            for (var i = 0; i < Pipeline; i++)
            {
                batch[i] = write(ops + i, Pipeline);
            }

            ops += Pipeline;
            if (previous is not null)
            {
                await previous;
            }

            previous = Task.WhenAll(batch);
        }

        await previous!;
        return ops / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The engine's write path (encode + Lua compare-and-set) with simulated-size states, 2000 per batch.</summary>
    private static async Task<double> CasThroughputAsync(BenchEnvironment env, TimeSpan duration)
    {
        var store = new RedisCustomerStateStore(env.Redis, new RedisKeys("limits"));
        var states = SampleStates(2000);
        long written = 0;
        long offset = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            offset++;
            foreach (var s in states)
            {
                s.LastPartition = 0;
                s.LastOffset = offset;
            }

            written += (await store.SaveAsync(states, CancellationToken.None)).Length;
        }

        return written / clock.Elapsed.TotalSeconds;
    }

    private static List<CustomerState> SampleStates(int count)
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var e in Realtime.Core.Simulation.StoreSimulator.Generate(new() { Customers = count, Products = 2000, IncludeCatalog = false }))
        {
            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(s, e);
        }

        return states.Values.ToList();
    }

    /// <summary>redis-benchmark (redis-tools) SET of 500-byte values, pipelines of 1000, when installed.</summary>
    private static double? RedisBenchmark(BenchEnvironment env)
    {
        var executable = s_benchmarkPaths.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            Results.Note("redis-benchmark not installed (apt-get install redis-tools); skipped");
            return null;
        }

        var endpoint = env.RedisEndpoint.Split(':');
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", endpoint[0], "-p", endpoint[1], "-t", "set", "-d", ValueBytes.ToString(CultureInfo.InvariantCulture), "-P", Pipeline.ToString(CultureInfo.InvariantCulture), "-n", env.Options.Smoke ? "200000" : "2000000", "-r", "100000", "-q" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // Output (with -q): "SET: 512820.53 requests per second, p50=1.567 msec" (the last figure printed wins).
        var matches = RequestsPerSecond().Matches(output);
        if (matches.Count == 0)
        {
            Results.Note($"redis-benchmark printed no figure: {output.Trim()}");
            return null;
        }

        var text = matches[^1].Groups[1].Value;
        Results.Note($"redis-benchmark: {output.Split('\r', '\n').Last(l => l.Contains("requests per second", StringComparison.Ordinal)).Trim()}");
        return double.Parse(text, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"SET: ([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}
