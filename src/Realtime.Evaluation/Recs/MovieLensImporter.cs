using System.Globalization;
using System.Text;
using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// MovieLens 100K → events. Every rating is an interaction (<c>product_viewed</c>); a rating of 4 or 5 is also a
/// purchase-strength signal (<c>order_placed</c> with one line right after the view). A movie's category is its
/// rarest genre (the most specific one). The catalog is upserted before the first rating.
/// </summary>
public static class MovieLensImporter
{
    /// <summary>Reads <c>u.data</c>, <c>u.item</c> and <c>u.genre</c> from <paramref name="folder"/>.</summary>
    public static List<CustomerEvent> Load(string folder)
    {
        var genres = ReadRows(Path.Combine(folder, "u.genre"), '|', Encoding.Latin1).Select(f => f[0]).ToArray();
        var movies = ReadRows(Path.Combine(folder, "u.item"), '|', Encoding.Latin1);
        var ratings = ReadRows(Path.Combine(folder, "u.data"), '\t')
            .Select((f, i) => (User: f[0], Item: f[1], Rating: int.Parse(f[2], CultureInfo.InvariantCulture),
                At: DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[3], CultureInfo.InvariantCulture)), Line: i))
            .OrderBy(r => r.At).ThenBy(r => r.Line)
            .ToList();

        // Genre frequency across movies, to pick each movie's most specific genre.
        var flags = movies.Select(m => m.Skip(m.Length - genres.Length).Select(f => f == "1").ToArray()).ToList();
        var genreCount = new int[genres.Length];
        foreach (var f in flags)
        {
            for (var g = 0; g < genres.Length; g++)
            {
                genreCount[g] += f[g] ? 1 : 0;
            }
        }

        var category = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = ratings[0].At.AddSeconds(-1);
        var events = new List<CustomerEvent>(ratings.Count * 2);
        for (var i = 0; i < movies.Count; i++)
        {
            var best = Enumerable.Range(0, genres.Length).Where(g => flags[i][g]).DefaultIfEmpty(0).MinBy(g => genreCount[g]);
            var id = "m" + movies[i][0];
            category[id] = genres[best];
            events.Add(new CustomerEvent
            {
                EventId = "upsert-" + id,
                Type = EventType.ProductUpserted,
                CustomerId = string.Empty,
                OccurredAt = start,
                ProductId = id,
                Category = genres[best],
            });
        }

        foreach (var r in ratings)
        {
            var user = "u" + r.User;
            var item = "m" + r.Item;
            events.Add(new CustomerEvent
            {
                EventId = $"view-{r.Line}",
                Type = EventType.ProductViewed,
                CustomerId = user,
                OccurredAt = r.At,
                ProductId = item,
                Category = category[item],
            });
            if (r.Rating >= 4)
            {
                events.Add(new CustomerEvent
                {
                    EventId = $"order-{r.Line}",
                    Type = EventType.OrderPlaced,
                    CustomerId = user,
                    OccurredAt = r.At,
                    OrderId = $"r{r.Line}",
                    Lines = [new OrderLine(item, category[item], 1, 0)],
                });
            }
        }

        return events;
    }

    /// <summary>
    /// The rows of a MovieLens file with at least two fields, each as its fields: blank lines and u.genre's trailing
    /// empty line are skipped (the old split-based reader dropped them the same way).
    /// </summary>
    private static List<string[]> ReadRows(string path, char delimiter, Encoding? encoding = null)
    {
        var rows = new List<string[]>();
        using var reader = DelimitedFile.Open(path, delimiter, hasHeaders: false, encoding);
        while (reader.Read())
        {
            if (reader.RowFieldCount < 2)
            {
                continue;
            }

            var fields = new string[reader.RowFieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            rows.Add(fields);
        }

        return rows;
    }
}
