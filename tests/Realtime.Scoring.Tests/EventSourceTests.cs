using Realtime.Core.Events;
using Realtime.Scoring.History;

namespace Realtime.Scoring.Tests;

public sealed class EventSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-churn-sources-").FullName;

    [Fact]
    public void Json_lines_map_the_wire_fields_and_skip_bad_lines()
    {
        var path = Write("events.jsonl",
            """{"event_id":"e1","type":"order_placed","customer_id":"c1","occurred_at":"2025-03-01T10:00:00Z","order_id":"o1","lines":[{"product_id":"p1","category":"books","quantity":2,"unit_price":5.5}],"total":11,"currency":"EUR"}""",
            """{"event_id":"e2","type":"teleported","customer_id":"c1","occurred_at":"2025-03-01T10:00:00Z"}""",
            "not json");
        var source = JsonLinesEventSource.FromPath(path);

        var e = Assert.Single(source.ReadEvents());

        Assert.Equal(EventType.OrderPlaced, e.Type);
        Assert.Equal(11, e.Amount);
        Assert.Equal(new OrderLine("p1", "books", 2, 5.5), Assert.Single(e.Lines));
        Assert.Equal(2, source.Skipped);
    }

    [Fact]
    public void Csv_transactions_follow_the_column_map_and_negative_amounts_are_returns()
    {
        var path = Write("tx.csv", "when;who;value", "20250301;c1;10.5", "20250302;c2;-3", "bad;row;x");
        var map = CsvColumnMap.Parse("customer=who,date=when,amount=value,format=yyyyMMdd,delimiter=;");
        var source = new CsvTransactionSource(path, map);

        var events = source.ReadEvents().ToList();

        Assert.Equal([EventType.OrderPlaced, EventType.OrderReturned], events.Select(e => e.Type));
        Assert.Equal(3, events[1].Amount);
        Assert.Equal(1, source.Skipped);
    }

    [Fact]
    public void Cdnow_same_day_purchases_become_one_order()
    {
        var path = Write("CDNOW_master.txt", " customer_id  date number_of_cds  dollar_value", " 00002 19970112  1   12.00", " 00002 19970112  5   77.00", " 00002 19970113  1   10.00");

        var events = new CdnowEventSource(path).ReadEvents().ToList();

        Assert.Equal(2, events.Count);
        Assert.Equal("2", events[0].CustomerId);
        Assert.Equal(89, events[0].Amount, 6);
        Assert.Equal(6, events[0].Lines[0].Quantity);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
