using System.Globalization;
using System.Text;
using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Chaos;

/// <summary>
/// The known stream a scenario produces: <c>customers × perCustomer</c> valid events (every one of a type that bumps a
/// counter in the state, so a lost or doubled event shows in the counts), interleaved across customers, optionally
/// with the poison records of the <c>poison</c> scenario mixed in. Deterministic for a seed and an anchor time.
/// </summary>
internal sealed class EventStream
{
    /// <summary>Event ids with this prefix make the engine's batch throw (<c>Ingest:FailOnEventIdPrefix</c>, fault injection).</summary>
    public const string FaultMarker = "chaos-fail-";

    private const int Products = 300;
    private const int Categories = 20;

    private EventStream(List<StreamEvent> events, List<string> customers)
    {
        Events = events;
        Customers = customers;
    }

    public IReadOnlyList<StreamEvent> Events { get; }

    public IReadOnlyList<string> Customers { get; }

    public int BadCount => Events.Count(e => e.Bad);

    public static EventStream Generate(int customers, int perCustomer, bool poison, DateTimeOffset anchor, int seed = 42)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, customers).Select(i => $"c{i:D5}").ToList();
        var start = anchor.AddDays(-90);
        var span = TimeSpan.FromDays(80);
        // Round k of every customer before round k+1, shuffled within the round: customers interleave, each in order.
        var slots = new List<(int Round, double Key, int Customer)>(customers * perCustomer);
        for (var c = 0; c < customers; c++)
        {
            for (var k = 0; k < perCustomer; k++)
            {
                slots.Add((k, random.NextDouble(), c));
            }
        }

        slots.Sort((a, b) => a.Round != b.Round ? a.Round.CompareTo(b.Round) : a.Key.CompareTo(b.Key));
        var generators = ids.Select(id => new CustomerScript(id, random)).ToArray();
        var events = new List<StreamEvent>(slots.Count + 8);
        foreach (var (round, _, c) in slots)
        {
            var at = start + (span * round / perCustomer) + TimeSpan.FromSeconds(c);
            var e = generators[c].Next(round, at);
            events.Add(new StreamEvent(events.Count, e.CustomerId, e.EventId, EventJson.Encode(e), Bad: false, e.Type.ToWireName()));
        }

        if (poison)
        {
            InsertPoison(events, ids, anchor);
        }

        return new EventStream(events, ids);
    }

    /// <summary>The engine's own fold of each customer's valid events in produce order (each customer's events share a partition).</summary>
    public Dictionary<string, CustomerState> ExpectedStates()
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var record in Events.Where(e => !e.Bad))
        {
            if (!EventJson.TryDecode(record.Value, DateTimeOffset.UtcNow, TimeSpan.FromDays(1), out var e, out var error))
            {
                throw new InvalidOperationException($"the harness produced an invalid event {record.EventId}: {error}");
            }

            if (!states.TryGetValue(e!.CustomerId, out var state))
            {
                states[e.CustomerId] = state = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(state, e);
        }

        return states;
    }

    internal static string Product(int p) => $"p{p:D4}";

    internal static string Category(int p) => $"cat{p % Categories:D2}";

    internal static double Price(int p) => Math.Round(5 + (p * 7.31 % 120), 2);

    internal static int RandomProduct(Random random) => (int)Math.Min(Products - 1, Math.Floor(Products * Math.Pow(random.NextDouble(), 2)));

    /// <summary>The records DESIGN §2.8 says may never stop a partition, each bound for the DLQ (see docs/reliability.md).</summary>
    private static void InsertPoison(List<StreamEvent> events, List<string> ids, DateTimeOffset anchor)
    {
        var at = anchor.AddDays(-5).ToString("O", CultureInfo.InvariantCulture);
        var manyLines = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $$"""{"product_id":"{{Product(i % Products)}}","category":"{{Category(i)}}","quantity":1,"unit_price":1.5}"""));
        var poison = new (string Customer, string EventId, string Label, string Json)[]
        {
            (ids[1 % ids.Count], "bad-oversized-1", "oversized_non_json", string.Concat(Enumerable.Repeat("this is not JSON, just a megabyte of text. ", 25_000))),
            (ids[2 % ids.Count], "bad-future-1", "order_dated_9999", $$"""{"event_id":"bad-future-1","type":"order_placed","customer_id":"{{ids[2 % ids.Count]}}","occurred_at":"9999-12-31T00:00:00Z","order_id":"o-bad-future","total":10,"lines":[{"product_id":"p0001","category":"cat01","quantity":1,"unit_price":10}]}"""),
            (ids[3 % ids.Count], "bad-huge-total-1", "order_total_1e308", $$"""{"event_id":"bad-huge-total-1","type":"order_placed","customer_id":"{{ids[3 % ids.Count]}}","occurred_at":"{{at}}","order_id":"o-bad-huge-1","total":1e308}"""),
            (ids[3 % ids.Count], "bad-huge-total-2", "order_total_1e308", $$"""{"event_id":"bad-huge-total-2","type":"order_placed","customer_id":"{{ids[3 % ids.Count]}}","occurred_at":"{{at}}","order_id":"o-bad-huge-2","total":1e308}"""),
            (ids[4 % ids.Count], "bad-line-1e308", "line_10x1e308", $$"""{"event_id":"bad-line-1e308","type":"order_placed","customer_id":"{{ids[4 % ids.Count]}}","occurred_at":"{{at}}","order_id":"o-bad-line","lines":[{"product_id":"p0002","category":"cat02","quantity":10,"unit_price":1e308}]}"""),
            (ids[5 % ids.Count], FaultMarker + "1", "fault_marker", $$"""{"event_id":"{{FaultMarker}}1","type":"product_viewed","customer_id":"{{ids[5 % ids.Count]}}","occurred_at":"{{at}}","product_id":"p0003","category":"cat03","price":9.5}"""),
            (ids[6 % ids.Count], "bad-10000-lines", "order_10000_lines", $$"""{"event_id":"bad-10000-lines","type":"order_placed","customer_id":"{{ids[6 % ids.Count]}}","occurred_at":"{{at}}","order_id":"o-bad-lines","total":15000,"lines":[{{manyLines}}]}"""),
        };
        // Spread over the middle of the stream, inserted back to front so the earlier positions stay valid.
        for (var i = poison.Length - 1; i >= 0; i--)
        {
            var (customer, eventId, label, json) = poison[i];
            var position = events.Count * (i + 2) / (poison.Length + 3);
            events.Insert(position, new StreamEvent(0, customer, eventId, Encoding.UTF8.GetBytes(json), Bad: true, label));
        }

        for (var i = 0; i < events.Count; i++)
        {
            events[i] = events[i] with { Index = i };
        }
    }
}
