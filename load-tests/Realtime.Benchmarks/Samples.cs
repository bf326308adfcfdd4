using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Simulation;
using Realtime.Core.State;

namespace Realtime.Benchmarks;

/// <summary>Realistic inputs shared by the benchmarks: a simulated store's customers and live events.</summary>
public static class Samples
{
    private static readonly SimulationOptions s_options = new() { Customers = 3000, Products = 10_000, Categories = 40, IncludeCatalog = false };

    /// <summary>Folded states of 3,000 simulated customers (180 days of history each).</summary>
    public static Dictionary<string, CustomerState> States()
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var e in StoreSimulator.Generate(s_options))
        {
            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(s, e);
        }

        return states;
    }

    /// <summary>A customer whose encoded size is near the population's median.</summary>
    public static CustomerState TypicalCustomer(Dictionary<string, CustomerState> states)
    {
        var sized = states.Values.Select(s => (State: s, Size: StateCodec.Encode(s).Length)).OrderBy(x => x.Size).ToList();
        return sized[sized.Count / 2].State;
    }

    /// <summary>The last <paramref name="count"/> events of the simulated history, as ingest would see them live.</summary>
    public static List<CustomerEvent> RecentEvents(int count) => StoreSimulator.Generate(s_options with { Seed = 7 }).TakeLast(count).ToList();

    /// <summary>Events as ingest records at consecutive offsets of one partition.</summary>
    public static List<IngestRecord> Records(List<CustomerEvent> events) => events.Select((e, i) => new IngestRecord(e, 0, i)).ToList();
}
