using System.Runtime.CompilerServices;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>In-memory ports with the adapters' semantics (compare-and-set, leased claims), for the wiring's unit tests.</summary>
internal sealed class InMemoryLifecyclePorts : ICustomerStateStore, ISegmentChangePublisher, ILifecycleCounters, ISegmentSchedule
{
    public Dictionary<string, CustomerState> States { get; } = new(StringComparer.Ordinal);

    public List<SegmentChangeEvent> Published { get; } = [];

    public Dictionary<string, double> Counters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Due { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs between a load and the following write (to simulate a concurrent writer).</summary>
    public Action? BeforeNextWrite { get; set; }

    public RfmHistograms CurrentHistograms => RfmHistograms.FromCounters(Counters);

    public Task<IReadOnlyDictionary<string, CustomerState>> LoadAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, CustomerState>>(customerIds.Where(States.ContainsKey).ToDictionary(id => id, id => Copy(States[id]), StringComparer.Ordinal));

    public async Task<bool[]> SaveAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken) =>
        (await SaveReportingMasksAsync(states, cancellationToken)).Select(r => r >= 0).ToArray();

    public Task<int[]> SaveReportingMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        TakeHook();
        return Task.FromResult(states.Select(s =>
        {
            if (States.TryGetValue(s.CustomerId, out var old) && old.LastPartition == s.LastPartition && old.LastOffset >= s.LastOffset)
            {
                return -1;
            }

            var replaced = old?.SegmentMask ?? 0;
            States[s.CustomerId] = Copy(s);
            return replaced;
        }).ToArray());
    }

    public Task<bool[]> SaveSegmentMasksAsync(IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        TakeHook();
        return Task.FromResult(states.Select(s =>
        {
            if (!States.TryGetValue(s.CustomerId, out var old) || old.LastPartition != s.LastPartition || old.LastOffset != s.LastOffset)
            {
                return false;
            }

            old.SegmentMask = s.SegmentMask;
            return true;
        }).ToArray());
    }

    public async IAsyncEnumerable<IReadOnlyList<CustomerState>> ScanAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var chunk in States.Values.Select(Copy).Chunk(pageSize))
        {
            yield return chunk;
        }
    }

    public Task<CustomerState?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(States.TryGetValue(customerId, out var s) ? Copy(s) : null);

    public Task<bool> DeleteAsync(string customerId, CancellationToken cancellationToken) => Task.FromResult(States.Remove(customerId));

    public Task PublishAsync(IReadOnlyList<SegmentChangeEvent> changes, CancellationToken cancellationToken)
    {
        Published.AddRange(changes);
        return Task.CompletedTask;
    }

    /// <summary>How many of the next counter updates fail (as a Redis timeout would) before any increment lands.</summary>
    public int FailingCounterUpdates { get; set; }

    public Task ApplyAsync(IReadOnlyCollection<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        if (FailingCounterUpdates > 0)
        {
            FailingCounterUpdates--;
            throw new TimeoutException("counters unreachable");
        }

        foreach (var d in deltas)
        {
            Counters[d.Key] = Counters.GetValueOrDefault(d.Key) + d.Increment;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>(Counters));

    public Task ScheduleAsync(IReadOnlyList<SegmentDue> entries, CancellationToken cancellationToken)
    {
        foreach (var e in entries)
        {
            if (e.At is { } at)
            {
                Due[e.CustomerId] = at.ToUnixTimeMilliseconds();
            }
            else
            {
                Due.Remove(e.CustomerId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var ids = Due.Where(kv => kv.Value <= nowMs).OrderBy(kv => kv.Value).Take(max).Select(kv => kv.Key).ToList();
        foreach (var id in ids)
        {
            Due[id] = nowMs + (long)lease.TotalMilliseconds;
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    private static CustomerState Copy(CustomerState s)
    {
        var copy = StateCodec.Decode(s.CustomerId, StateCodec.Encode(s));
        copy.LastPartition = s.LastPartition;
        copy.LastOffset = s.LastOffset;
        copy.SegmentMask = s.SegmentMask;
        copy.CountedClv = s.CountedClv;
        return copy;
    }

    private void TakeHook()
    {
        var hook = BeforeNextWrite;
        BeforeNextWrite = null;
        hook?.Invoke();
    }
}
