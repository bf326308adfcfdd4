using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.State;
using Realtime.Redis;

namespace Realtime.Benchmarks;

/// <summary>What the Recommend benchmarks share: a simulated log folded and its item statistics written to Redis, and the thread-CPU result line.</summary>
internal static class SimulatedItemStatistics
{
    /// <summary>Folds <paramref name="events"/> into states (histories included) and writes their item statistics through the ingest writer.</summary>
    public static Dictionary<string, CustomerState> FoldAndWrite(IEnumerable<CustomerEvent> events, RedisItemSignalWriter writer, ItemSignalOptions signalOptions)
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var batch = new ItemSignalBatch();
        var noCustomer = new CustomerState(string.Empty);
        foreach (var e in events)
        {
            if (e.Type == EventType.ProductUpserted)
            {
                ItemSignalUpdate.Compute(noCustomer, e, signalOptions, batch);
                continue;
            }

            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            ItemSignalUpdate.Compute(s, e, signalOptions, batch);
            CustomerFold.Apply(s, e);
            if (batch.Increments.Count >= 20_000)
            {
                writer.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
                batch.Clear();
            }
        }

        writer.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        return states;
    }

    /// <summary>
    /// Prints <c>result <paramref name="name"/> … us</c>: the median thread CPU per request over the later half of the
    /// measured invocations (after tiering and warm-up); BenchmarkDotNet's own table is wall time, inflated on a shared
    /// box by time the core was lent out.
    /// </summary>
    public static void PrintCpuResult(string name, List<double> cpuPerRequestUs)
    {
        var measured = cpuPerRequestUs.Skip(cpuPerRequestUs.Count / 2).Order().ToList();
        if (measured.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"result {name} {measured[measured.Count / 2]:0.#} us"));
        }
    }
}
