using Realtime.Core.Events;

namespace Realtime.LoadTests;

/// <summary>
/// Live traffic for the loaded population: a storefront-like mix (mostly views, some cart changes, orders, email and
/// reviews) over skewed customers and Zipf-skewed products, pre-encoded as the JSON producers send.
/// </summary>
internal static class LiveEvents
{
    private static int s_run;

    public static List<(string Key, byte[] Value)> Generate(Population population, int count, int seed)
    {
        var random = new Random(seed);
        var run = Interlocked.Increment(ref s_run);
        var list = new List<(string, byte[])>(count);
        // One millisecond apart and ending now: stamped forward from now, 300k events reached five minutes into the
        // future, and a later scenario's event stamped "now" sorted behind them (the freshness probes went missing).
        var start = DateTimeOffset.UtcNow.AddMilliseconds(-count);
        for (var i = 0; i < count; i++)
        {
            var e = Next(population, random, $"live-{Environment.ProcessId}-{run}-{i}", start.AddMilliseconds(i));
            list.Add((e.CustomerId, EventJson.Encode(e)));
        }

        return list;
    }

    public static CustomerEvent Next(Population population, Random random, string eventId, DateTimeOffset at)
    {
        var customer = population.PickCustomer(random);
        var product = population.Catalog.Pick(random, null);
        var roll = random.NextDouble();
        var e = new CustomerEvent { EventId = eventId, Type = EventType.ProductViewed, CustomerId = customer, OccurredAt = at, ProductId = product.Id, Category = product.Category, Price = product.Price };
        return roll switch
        {
            < 0.55 => e,
            < 0.70 => e with { Type = EventType.AddedToCart },
            < 0.73 => e with { Type = EventType.RemovedFromCart, Price = 0 },
            < 0.77 => e with { Type = EventType.CheckoutStarted, ProductId = null, Category = null, Price = 0 },
            < 0.82 => Order(e, population, random),
            < 0.92 => e with { Type = EventType.EmailOpened, ProductId = null, Category = null, Price = 0, Channel = "email" },
            < 0.95 => e with { Type = EventType.EmailClicked, ProductId = null, Category = null, Price = 0, Channel = "email" },
            < 0.97 => e with { Type = EventType.ReviewSubmitted, Price = 0, Rating = 1 + random.Next(5) },
            < 0.98 => e with { Type = EventType.SupportTicket, ProductId = null, Category = null, Price = 0, Rating = random.Next(6) },
            _ => e with { Type = EventType.OfferShown, ProductId = null, Category = null, Price = 0, OfferId = $"offer{random.Next(20)}", Channel = "web" },
        };
    }

    private static CustomerEvent Order(CustomerEvent e, Population population, Random random)
    {
        var lines = new List<OrderLine>();
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var p = population.Catalog.Pick(random, null);
            lines.Add(new OrderLine(p.Id, p.Category, 1, p.Price));
        }

        return e with
        {
            Type = EventType.OrderPlaced,
            ProductId = null,
            Category = null,
            Price = 0,
            OrderId = "o-" + e.EventId,
            Lines = lines,
            Amount = Math.Round(lines.Sum(l => l.UnitPrice), 2),
            Currency = "EUR",
        };
    }
}
