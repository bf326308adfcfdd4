using BenchmarkDotNet.Attributes;
using Realtime.Core.Ingest;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;

namespace Realtime.Benchmarks;

/// <summary>
/// What the per-customer purchase history adds to ingest and serving, without I/O: a batch fold with and without it
/// (the fold copies a customer's history once per order), and its codec on the largest history of the sample population.
/// </summary>
[MemoryDiagnoser]
public class PurchaseHistoryBenchmarks
{
    private List<IngestRecord> _batch = [];
    private Dictionary<string, CustomerState> _loaded = [];
    private Dictionary<string, CustomerState> _loadedWithoutHistory = [];
    private PurchaseProfile _largest = null!;
    private byte[] _largestBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        var states = Samples.States();
        _batch = Samples.Records(Samples.RecentEvents(2000));
        _loaded = _batch.Select(r => r.Event.CustomerId).Distinct().Where(states.ContainsKey).ToDictionary(id => id, id => states[id]);
        _loadedWithoutHistory = _loaded.ToDictionary(kv => kv.Key, kv =>
        {
            var copy = kv.Value.Clone();
            copy.History = null;
            return copy;
        });
        _largest = states.Values.Where(s => s.History is not null).MaxBy(s => s.History!.Items.Count)!.History!;
        _largestBytes = PurchaseHistoryCodec.Encode(_largest);
        var sizes = HistorySizes.Of(states.Values);
        Console.WriteLine($"// sample population histories: {sizes}; largest {_largest.Items.Count} products");
    }

    [Benchmark(Baseline = true, Description = "BatchFolder.Fold 2000 events, no history kept")]
    public BatchResult FoldWithoutHistory() => BatchFolder.Fold(_batch, _loadedWithoutHistory, historyMaxProducts: 0);

    [Benchmark(Description = "BatchFolder.Fold 2000 events, history kept (200 products)")]
    public BatchResult FoldWithHistory() => BatchFolder.Fold(_batch, _loaded);

    [Benchmark(Description = "PurchaseHistoryCodec.Encode largest history")]
    public byte[] Encode() => PurchaseHistoryCodec.Encode(_largest);

    [Benchmark(Description = "PurchaseHistoryCodec.Decode largest history")]
    public PurchaseProfile Decode() => PurchaseHistoryCodec.Decode(_largestBytes);
}
