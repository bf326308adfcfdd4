using BenchmarkDotNet.Attributes;
using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.State;

namespace Realtime.Benchmarks;

/// <summary>The per-event and per-batch costs of ingest, without I/O: JSON decode, the fold, the codec, a batch fold.</summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    // The processing clock for decoding: after every sample event, so the future-skew check passes as in live ingest.
    private static readonly DateTimeOffset s_now = DateTimeOffset.MaxValue;
    private byte[] _viewJson = [];
    private byte[] _orderJson = [];
    private CustomerState _customer = null!;
    private byte[] _customerBytes = [];
    private CustomerEvent _view = null!;
    private List<IngestRecord> _batch = [];
    private Dictionary<string, CustomerState> _loaded = [];

    [GlobalSetup]
    public void Setup()
    {
        var states = Samples.States();
        _customer = Samples.TypicalCustomer(states);
        _customerBytes = StateCodec.Encode(_customer);
        var events = Samples.RecentEvents(2000);
        _view = events.First(e => e.Type == EventType.ProductViewed);
        _viewJson = EventJson.Encode(_view);
        _orderJson = EventJson.Encode(events.First(e => e.Type == EventType.OrderPlaced && e.Lines.Count > 1));
        _batch = Samples.Records(events);
        // The batch's customers as loaded from Redis (their states before these events).
        _loaded = _batch.Select(r => r.Event.CustomerId).Distinct().Where(states.ContainsKey).ToDictionary(id => id, id => states[id]);
    }

    [Benchmark(Description = "EventJson.TryDecode product_viewed")]
    public CustomerEvent? DecodeView() => EventJson.TryDecode(_viewJson, s_now, TimeSpan.Zero, out var e, out _) ? e : null;

    [Benchmark(Description = "EventJson.TryDecode order_placed")]
    public CustomerEvent? DecodeOrder() => EventJson.TryDecode(_orderJson, s_now, TimeSpan.Zero, out var e, out _) ? e : null;

    [Benchmark(Description = "CustomerFold.Apply view on a typical customer")]
    public CustomerState Fold()
    {
        // A fresh event id each call, so the fold's duplicate check does not short-circuit.
        var state = _customer;
        CustomerFold.TryApply(state, _view with { EventId = "bench" });
        state.RecentEventIds.RemoveAt(state.RecentEventIds.Count - 1);
        return state;
    }

    [Benchmark(Description = "StateCodec.Encode typical customer")]
    public byte[] Encode() => StateCodec.Encode(_customer);

    [Benchmark(Description = "StateCodec.Decode typical customer")]
    public CustomerState Decode() => StateCodec.Decode(_customer.CustomerId, _customerBytes);

    [Benchmark(Description = "BatchFolder.Fold 2000 events")]
    public BatchResult FoldBatch() => BatchFolder.Fold(_batch, _loaded);
}
