using System.Globalization;
using System.Text.Json;
using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>
/// Events from JSON-lines files (one wire-format event per line: <c>{"event_id","type","customer_id","occurred_at",...}</c>),
/// for example a dump of the Kafka topic. The field mapping is the ingest decoder's (snake_case; order lines under
/// <c>lines</c>; the order total or refund under <c>total</c>). Lines that do not parse or fail
/// <see cref="EventValidator"/> are skipped and counted, as ingest would send them to the DLQ.
/// </summary>
public sealed class JsonLinesEventSource(IReadOnlyList<string> paths) : IEventSource
{
    /// <summary>Reads one file, or every <c>*.jsonl</c>/<c>*.json</c> file of a folder in name order.</summary>
    public static JsonLinesEventSource FromPath(string path) => Directory.Exists(path)
        ? new(Directory.EnumerateFiles(path).Where(p => p.EndsWith(".jsonl", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal)).Order().ToList())
        : new([path]);

    public string Description => string.Join(", ", paths);

    /// <summary>Lines skipped by the last read (malformed or invalid events).</summary>
    public int Skipped { get; private set; }

    /// <summary>Why the first skipped line was skipped, for the operator.</summary>
    public string? FirstProblem { get; private set; }

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        Skipped = 0;
        FirstProblem = null;
        foreach (var path in paths)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (e, problem) = Parse(line);
                if (e is null)
                {
                    Skipped++;
                    FirstProblem ??= $"{path}:{lineNumber}: {problem}";
                    continue;
                }

                yield return e;
            }
        }
    }

    /// <summary>Decodes one wire-format event; returns the problem instead when it is malformed or invalid.</summary>
    public static (CustomerEvent? Event, string? Problem) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!EventTypeNames.TryParse(Str(root, "type"), out var type))
            {
                return (null, $"unknown type '{Str(root, "type")}'");
            }

            if (!DateTimeOffset.TryParse(Str(root, "occurred_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return (null, "occurred_at is not an RFC 3339 time");
            }

            var e = new CustomerEvent
            {
                EventId = Str(root, "event_id") ?? string.Empty,
                Type = type,
                CustomerId = Str(root, "customer_id") ?? string.Empty,
                OccurredAt = at,
                ProductId = Str(root, "product_id"),
                Category = Str(root, "category"),
                Price = Num(root, "price"),
                Quantity = root.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : 1,
                OrderId = Str(root, "order_id"),
                Lines = Lines(root),
                Amount = root.TryGetProperty("total", out _) ? Num(root, "total") : Num(root, "amount"),
                Currency = Str(root, "currency"),
                OfferId = Str(root, "offer_id"),
                Channel = Str(root, "channel"),
                Campaign = Str(root, "campaign"),
                AcquisitionCost = Num(root, "acquisition_cost"),
                Rating = root.TryGetProperty("rating", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0,
                InStock = !root.TryGetProperty("in_stock", out var s) || s.ValueKind != JsonValueKind.False,
            };
            return EventValidator.Validate(e) is { } problem ? (null, problem) : (e, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return (null, "malformed JSON: " + ex.Message);
        }
    }

    private static List<OrderLine> Lines(JsonElement root)
    {
        var lines = new List<OrderLine>();
        if (root.TryGetProperty("lines", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var l in array.EnumerateArray())
            {
                var quantity = l.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : 1;
                lines.Add(new OrderLine(Str(l, "product_id") ?? string.Empty, Str(l, "category"), quantity, Num(l, "unit_price")));
            }
        }

        return lines;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
}
