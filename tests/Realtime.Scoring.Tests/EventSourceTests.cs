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
        var source = new JsonLinesEventSource([path]);

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

    [Fact]
    public void Csv_quoted_fields_keep_their_delimiters_quotes_and_newlines()
    {
        var path = Write("quoted.csv",
            "customer,note,date,amount",
            "c1,\"gift, wrapped\",2025-03-01,10",
            "c2,\"two",
            "lines with a \"\"quote\"\"\",2025-03-02,20",
            "c3,plain,2025-03-03,30");
        var source = new CsvTransactionSource(path, new CsvColumnMap());

        var events = source.ReadEvents().ToList();

        Assert.Equal(["c1", "c2", "c3"], events.Select(e => e.CustomerId));
        Assert.Equal([10.0, 20, 30], events.Select(e => e.Amount));
        Assert.Equal(0, source.Skipped);
    }

    [Fact]
    public void A_line_item_log_computes_amounts_and_becomes_one_order_per_invoice()
    {
        // Online-Retail shape: one row per line item, the amount is quantity × unit price, a "C" invoice cancels.
        var path = Write("retail.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID",
            "536365,85123A,\"HANGER, WHITE\",6,2010-12-01 08:26,2.55,17850",
            "536366,22633,HAND WARMER,6,2010-12-01 08:28,1.85,17850",
            "536365,71053,LANTERN,2,2010-12-01 08:26,3.39,17850",
            "C536379,D,Discount,-1,2010-12-01 09:41,27.50,14527");
        var map = CsvColumnMap.Parse("customer=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice,product=StockCode,order=InvoiceNo");

        var events = new CsvTransactionSource(path, map).ReadEvents().ToList();

        Assert.Equal(["csv-retail-order-536365", "csv-retail-order-536366", "csv-retail-order-C536379"], events.Select(e => e.EventId));
        Assert.Equal((6 * 2.55) + (2 * 3.39), events[0].Amount, 9);
        Assert.Equal(["85123A", "71053"], events[0].Lines.Select(l => l.ProductId));
        Assert.Equal(6 * 1.85, events[1].Amount, 9);
        Assert.Equal(EventType.OrderReturned, events[2].Type);
        Assert.Equal(27.5, events[2].Amount, 9);
    }

    [Fact]
    public void Merge_true_joins_only_adjacent_same_day_orders_of_one_customer()
    {
        var path = Write("days.csv", "customer,date,amount", "c1,2025-03-01T09:00Z,10", "c1,2025-03-01T17:00Z,5", "c2,2025-03-01,7", "c1,2025-03-01T18:00Z,1", "c1,2025-03-02,3");

        var merged = new CsvTransactionSource(path, CsvColumnMap.Parse("merge=true")).ReadEvents().ToList();
        var unmerged = new CsvTransactionSource(path, CsvColumnMap.Parse(null)).ReadEvents().ToList();

        Assert.Equal([("c1", 15.0), ("c2", 7), ("c1", 1), ("c1", 3)], merged.Select(e => (e.CustomerId, e.Amount)));
        Assert.Equal(5, unmerged.Count);
    }

    [Theory]
    [InlineData("amount=a*b*c")]
    [InlineData("amount=*b")]
    [InlineData("merge=yes")]
    [InlineData("delimiter=;;")]
    [InlineData("colour=red")]
    public void A_bad_column_map_is_a_one_line_format_error(string spec)
    {
        var error = Assert.Throws<FormatException>(() => CsvColumnMap.Parse(spec));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Inputs_expand_files_folders_and_globs_in_name_order()
    {
        var daily = Path.Combine(_dir, "daily");
        Directory.CreateDirectory(Path.Combine(daily, "nested"));
        foreach (var name in new[] { "2025-03-02.csv", "2025-03-01.csv", "2025-04-01.jsonl", "notes.md", "nested/2025-03-03.csv" })
        {
            File.WriteAllText(Path.Combine(daily, name), string.Empty);
        }

        var folder = HistoryFiles.Expand([daily]).Select(Path.GetFileName);
        var glob = HistoryFiles.Expand([Path.Combine(daily, "2025-03-*.csv")]).Select(Path.GetFileName);
        var deep = HistoryFiles.Expand([Path.Combine(daily, "**", "*.csv")]).Select(Path.GetFileName);

        Assert.Equal(["2025-03-01.csv", "2025-03-02.csv", "2025-04-01.jsonl"], folder);
        Assert.Equal(["2025-03-01.csv", "2025-03-02.csv"], glob);
        Assert.Equal(["2025-03-01.csv", "2025-03-02.csv", "2025-03-03.csv"], deep);
        Assert.Throws<FileNotFoundException>(() => HistoryFiles.Expand([Path.Combine(daily, "*.parquet")]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
