using Realtime.Core.Events;
using Realtime.Evaluation.Clv;
using Realtime.Evaluation.Recs;

namespace Realtime.IntegrationTests.Evaluation;

/// <summary>The offline evaluations' dataset readers, on small files written as the real datasets are laid out.</summary>
public sealed class DatasetImporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rt-datasets-").FullName;

    [Fact]
    public void An_online_retail_row_whose_quoted_description_holds_commas_quotes_and_a_line_break_is_read_whole()
    {
        var byDay = Directory.CreateDirectory(Path.Combine(_folder, "by-day")).FullName;
        File.WriteAllText(Path.Combine(byDay, "2010-12-01.csv"),
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "536365,85123A,\"TEA TOWELS, \"\"LONDON\"\"\nSET OF 2\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536366,22423,PLAIN MUG,2,2010-12-01 09:00:00,1.50,,United Kingdom\n");

        var orders = OnlineRetailImporter.Load(_folder).Where(e => e.Type == EventType.OrderPlaced).ToList();

        Assert.Equal(2, orders.Count);
        var quoted = orders[0];
        Assert.Equal("17850", quoted.CustomerId);
        Assert.Equal(new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero), quoted.OccurredAt);
        var line = Assert.Single(quoted.Lines);
        Assert.Equal(("85123A", 6, 2.55), (line.ProductId, line.Quantity, line.UnitPrice));
        // The row after the quoted line break is its own invoice, not the tail of the description.
        Assert.Equal(("guest-536366", "22423"), (orders[1].CustomerId, Assert.Single(orders[1].Lines).ProductId));
    }

    [Fact]
    public void Movielens_ratings_are_read_tab_separated_and_a_rating_of_four_is_also_an_order()
    {
        File.WriteAllText(Path.Combine(_folder, "u.genre"), "unknown|0\nAction|1\nComedy|2\n\n");
        File.WriteAllText(Path.Combine(_folder, "u.item"),
            "1|Toy Story (1995)|01-Jan-1995||http://imdb|0|0|1\n2|GoldenEye (1995)|01-Jan-1995||http://imdb|0|1|0\n");
        File.WriteAllText(Path.Combine(_folder, "u.data"), "7\t2\t4\t883603013\t\n7\t1\t2\t883603014\n");

        var events = MovieLensImporter.Load(_folder).Where(e => e.CustomerId.Length > 0).ToList();

        Assert.Equal([EventType.ProductViewed, EventType.OrderPlaced, EventType.ProductViewed], events.Select(e => e.Type));
        Assert.Equal(("u7", "m2", "Action"), (events[0].CustomerId, events[0].ProductId, events[0].Category));
        Assert.Equal(("m1", "Comedy"), (events[2].ProductId, events[2].Category));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(883603014), events[2].OccurredAt);
    }

    [Fact]
    public void The_cdnow_summary_is_read_by_column_after_its_header()
    {
        var path = Path.Combine(_folder, "summary.csv");
        File.WriteAllText(path, "ID,frequency,recency,T\n1,2,30.43,38.86\n2,0,0,38.86\n");

        var rows = CdnowData.ReadSummary(path);

        Assert.Equal([(2.0, 30.43, 38.86), (0.0, 0.0, 38.86)], rows.Select(r => (r.Frequency, r.Recency, r.Age)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
