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
        var latin1 = Encoding.Latin1;
        var genres = File.ReadLines(Path.Combine(folder, "u.genre"), latin1)
            .Where(l => l.Contains('|')).Select(l => l.Split('|')[0]).ToArray();
        var movies = File.ReadLines(Path.Combine(folder, "u.item"), latin1)
            .Where(l => l.Length > 0).Select(l => l.Split('|')).ToList();
        var ratings = File.ReadLines(Path.Combine(folder, "u.data"))
            .Where(l => l.Length > 0)
            .Select((l, i) => (Fields: l.Split('\t'), Line: i))
            .Select(r => (User: r.Fields[0], Item: r.Fields[1], Rating: int.Parse(r.Fields[2], CultureInfo.InvariantCulture),
                At: DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.Fields[3], CultureInfo.InvariantCulture)), r.Line))
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
}
