using System.Diagnostics;
using Grpc.Core;

namespace Realtime.LoadTests.Scenarios;

/// <summary>What one fixed-rate step measured.</summary>
internal sealed record StepResult(int TargetRate, double AchievedRate, long Errors, long Dropped, Latency All, Dictionary<string, Latency> ByCall);

/// <summary>
/// Open-loop load: request i is due at start + i/rate whatever happened to earlier requests, and its latency is measured
/// from that intended send time, so a stalled server shows up as latency instead of silently lowering the rate
/// (no coordinated omission). A dedicated thread dispatches every due request every ~100 µs: with
/// <c>Thread.Sleep(1)</c> (~1.1 ms on Linux) requests left up to a millisecond late, which the open-loop clock
/// rightly counts as latency — it was the largest part of an unloaded GetProfile's p50.
/// </summary>
internal static partial class OpenLoop
{
    private const uint DispatchIntervalMicroseconds = 100;

    private const int MaxOutstanding = 20_000;

    public static async Task<StepResult> RunAsync(ApiClients[] connections, ServeMix mix, Population population, int rate, TimeSpan duration, int seed)
    {
        var byCall = mix.Calls.ToDictionary(c => c.Name, _ => new Latency(), StringComparer.Ordinal);
        var all = new Latency();
        long errors = 0, dropped = 0, outstanding = 0;
        var total = (long)(rate * duration.TotalSeconds);
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        using var deadline = new CancellationTokenSource(duration + TimeSpan.FromSeconds(10));
        var start = Stopwatch.GetTimestamp();

        async Task IssueAsync(ServeCall call, ApiClients client, string id, long intended)
        {
            try
            {
                await call.Invoke(client, id, deadline.Token);
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(intended);
                all.Record(elapsed);
                byCall[call.Name].Record(elapsed);
                Interlocked.Decrement(ref outstanding);
            }
        }

        void Dispatch()
        {
            var random = new Random(seed);
            long sent = 0;
            while (sent < total)
            {
                var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
                for (; sent < due; sent++)
                {
                    var intended = start + (long)(sent * (double)Stopwatch.Frequency / rate);
                    if (Interlocked.Read(ref outstanding) >= MaxOutstanding)
                    {
                        dropped++;
                        continue;
                    }

                    Interlocked.Increment(ref outstanding);
                    pending.Add(IssueAsync(mix.Pick(random), connections[sent % connections.Length], population.PickCustomer(random), intended));
                }

                _ = USleep(DispatchIntervalMicroseconds);
            }
        }

        await Task.Factory.StartNew(Dispatch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new StepResult(rate, all.Count / elapsed.TotalSeconds, errors, dropped, all, byCall);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
