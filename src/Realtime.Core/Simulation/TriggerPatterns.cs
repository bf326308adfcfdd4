using Realtime.Core.Events;

namespace Realtime.Core.Simulation;

/// <summary>
/// The simulated store's material for triggered communications (<see cref="SimulationOptions.TriggerPatterns"/>):
/// birthdays on some registrations, a consumable some customers re-order on their own rhythm, and catalog changes near
/// the end of the history (products back in stock, price drops, new products). Drawn from its own random stream, so
/// switching it on leaves the rest of the history unchanged.
/// </summary>
internal static class TriggerPatterns
{
    /// <summary>Share of registrations that give a birthday.</summary>
    public const double BirthdayShare = 0.35;

    /// <summary>Share of customers who re-order one consumable on a rhythm of their own.</summary>
    public const double ReplenisherShare = 0.25;

    /// <summary>
    /// A birthday for about <see cref="BirthdayShare"/> of registrations; one in ten of them in the last two days of the
    /// history, so a demo run shows greetings (a uniform year would give a 200-customer demo about one).
    /// </summary>
    public static MonthDay? Birthday(Random random, DateTimeOffset end)
    {
        if (random.NextDouble() >= BirthdayShare)
        {
            return null;
        }

        var day = random.NextDouble() < 0.1 ? end.AddDays(-random.NextDouble() * 2) : end.AddDays(-random.Next(366));
        return new MonthDay(day.Month, day.Day);
    }

    /// <summary>For about <see cref="ReplenisherShare"/> of customers: one product re-ordered every 14–45 days (±15 %) while they stay.</summary>
    public static void Replenishment(
        string customerId, DateTimeOffset from, DateTimeOffset until, SimulatedCatalog catalog, Random random, List<CustomerEvent> events)
    {
        if (random.NextDouble() >= ReplenisherShare)
        {
            return;
        }

        var product = catalog.Pick(random, null);
        var gapDays = 14 + (random.NextDouble() * 31);
        var t = from.AddDays(random.NextDouble() * gapDays);
        for (var n = 0; t < until; n++)
        {
            var line = new OrderLine(product.Id, product.Category, 1, product.Price);
            events.Add(new CustomerEvent
            {
                EventId = $"{customerId}-r{n}",
                Type = EventType.OrderPlaced,
                CustomerId = customerId,
                OccurredAt = t,
                OrderId = $"{customerId}-r{n}",
                Lines = [line],
                Amount = product.Price,
                Currency = "EUR",
            });
            t = t.AddDays(gapDays * (0.85 + (random.NextDouble() * 0.3)));
        }
    }

    /// <summary>
    /// Catalog changes in the last days before <paramref name="end"/>: 4 % of products out of stock 8 days before and back
    /// a day before, 4 % 20 % cheaper a day before, and three new products half a day before.
    /// </summary>
    public static IEnumerable<CustomerEvent> CatalogChanges(SimulatedCatalog catalog, DateTimeOffset end, Random random)
    {
        var events = new List<CustomerEvent>();
        foreach (var p in catalog.Products)
        {
            var roll = random.NextDouble();
            if (roll < 0.04)
            {
                events.Add(Upsert(p.Id, p.Category, p.Price, false, end.AddDays(-8), "out"));
                events.Add(Upsert(p.Id, p.Category, p.Price, true, end.AddDays(-1), "back"));
            }
            else if (roll < 0.08)
            {
                events.Add(Upsert(p.Id, p.Category, Math.Round(p.Price * 0.8, 2), true, end.AddDays(-1), "drop"));
            }
        }

        var categories = catalog.Products.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < 3; i++)
        {
            events.Add(Upsert($"pnew{i}", categories[random.Next(categories.Count)], Math.Round(10 + (random.NextDouble() * 50), 2), true, end.AddHours(-12), "new"));
        }

        return events;
    }

    private static CustomerEvent Upsert(string product, string category, double price, bool inStock, DateTimeOffset at, string why) => new()
    {
        EventId = $"upsert-{product}-{why}",
        Type = EventType.ProductUpserted,
        CustomerId = string.Empty,
        OccurredAt = at,
        ProductId = product,
        Category = category,
        Price = price,
        InStock = inStock,
    };
}
