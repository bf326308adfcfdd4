using Realtime.Core.Events;

namespace Realtime.Core.Simulation;

/// <summary>
/// Generates a realistic event history for a store: products with Zipf-skewed popularity, customers acquired through
/// channels at a cost, each with their own purchase rhythm (some loyal, some one-off, some who drift away), sessions of
/// views and cart changes, abandoned carts, orders, returns, reviews, support tickets and email engagement.
/// Deterministic for a seed. Events come out in <c>occurred_at</c> order.
/// </summary>
public static class StoreSimulator
{
    private static readonly (string Channel, double Cost)[] s_channels =
        [("organic", 0), ("search", 18), ("social", 25), ("email", 6), ("referral", 10), ("paid_ads", 40)];

    public static IEnumerable<CustomerEvent> Generate(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var catalog = SimulatedCatalog.Create(options, random);
        var events = new List<CustomerEvent>();
        if (options.IncludeCatalog)
        {
            events.AddRange(catalog.UpsertEvents(options.Start.AddMinutes(-1)));
        }

        // Triggers' material draws from a stream of its own: with it on, the rest of the history stays the same.
        var patterns = options.TriggerPatterns ? new Random(options.Seed ^ 0x7419) : null;
        for (var c = 0; c < options.Customers; c++)
        {
            SimulateCustomer($"c{c:D6}", options, catalog, random, events, patterns);
        }

        if (patterns is not null && options.IncludeCatalog)
        {
            events.AddRange(TriggerPatterns.CatalogChanges(catalog, options.Start + options.Span, patterns));
        }

        if (options.MarketingSpend)
        {
            events.AddRange(SimulatedSpend.Generate(options, s_channels));
            SimulatedContacts.Add(events);
        }

        // History ends at Start + Span: a session, return, review or email that would fall after it has not happened
        // yet. (Keeping them put events minutes to days in the future of a population generated "until now", and a
        // live event stamped now then sorted behind them: the freshness bench lost probes that way.)
        // Stable sort keeps each customer's own sequence intact for equal timestamps.
        var end = options.Start + options.Span;
        return events.Where(e => e.OccurredAt <= end).OrderBy(e => e.OccurredAt).ToList();
    }

    private static void SimulateCustomer(string id, SimulationOptions o, SimulatedCatalog catalog, Random random, List<CustomerEvent> events, Random? patterns)
    {
        var end = o.Start + o.Span;
        var t = o.Start + TimeSpan.FromTicks((long)(random.NextDouble() * o.Span.Ticks * 2 / 3));
        var seq = 0;
        string NextId() => $"{id}-{seq++}";

        var (channel, cost) = s_channels[random.Next(s_channels.Length)];
        events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.CustomerRegistered, CustomerId = id, OccurredAt = t, Channel = channel, AcquisitionCost = cost, Campaign = channel == "organic" ? null : $"{channel}-q1", Birthday = patterns is null ? null : TriggerPatterns.Birthday(patterns, end) });

        // Purchase rhythm: mean days between sessions, and a point after which the customer drifts away.
        var meanGapDays = Math.Exp(1.5 + (random.NextDouble() * 2.8));
        var leavesAt = random.NextDouble() < 0.45 ? t + TimeSpan.FromDays(random.NextDouble() * o.Span.TotalDays) : end;
        var favourite = random.Next(o.Categories);
        var buyProbability = 0.15 + (random.NextDouble() * 0.5);
        var orderNo = 0;
        if (patterns is not null)
        {
            TriggerPatterns.Replenishment(id, t.AddDays(1), leavesAt, catalog, patterns, events);
        }

        while (true)
        {
            t += TimeSpan.FromDays(-Math.Log(1 - random.NextDouble()) * meanGapDays);
            if (t >= end || t >= leavesAt)
            {
                break;
            }

            var cart = new List<OrderLine>();
            var views = 1 + random.Next(5);
            for (var v = 0; v < views; v++)
            {
                var product = catalog.Pick(random, random.NextDouble() < 0.6 ? favourite : null);
                t += TimeSpan.FromSeconds(20 + random.Next(200));
                events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.ProductViewed, CustomerId = id, OccurredAt = t, ProductId = product.Id, Category = product.Category, Price = product.Price });
                if (random.NextDouble() < 0.35)
                {
                    var quantity = 1 + (random.NextDouble() < 0.2 ? 1 : 0);
                    cart.Add(new OrderLine(product.Id, product.Category, quantity, product.Price));
                    events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.AddedToCart, CustomerId = id, OccurredAt = t.AddSeconds(5), ProductId = product.Id, Category = product.Category, Price = product.Price, Quantity = quantity });
                }
            }

            if (cart.Count > 1 && random.NextDouble() < 0.15)
            {
                var removed = cart[^1];
                cart.RemoveAt(cart.Count - 1);
                t += TimeSpan.FromSeconds(30);
                events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.RemovedFromCart, CustomerId = id, OccurredAt = t, ProductId = removed.ProductId, Category = removed.Category, Quantity = removed.Quantity });
            }

            if (cart.Count == 0 || random.NextDouble() > buyProbability)
            {
                continue; // browsed, or abandoned the cart
            }

            t += TimeSpan.FromMinutes(2);
            events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.CheckoutStarted, CustomerId = id, OccurredAt = t });
            t += TimeSpan.FromMinutes(1);
            var total = Math.Round(cart.Sum(l => l.Quantity * l.UnitPrice), 2);
            var orderId = $"{id}-o{orderNo++}";
            events.Add(new CustomerEvent { EventId = NextId(), Type = EventType.OrderPlaced, CustomerId = id, OccurredAt = t, OrderId = orderId, Lines = cart, Amount = total, Currency = "EUR" });
            AfterOrder(id, NextId, t, orderId, cart, random, events);
        }
    }

    private static void AfterOrder(string id, Func<string> nextId, DateTimeOffset t, string orderId, List<OrderLine> cart, Random random, List<CustomerEvent> events)
    {
        var roll = random.NextDouble();
        if (roll < 0.06)
        {
            events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.OrderReturned, CustomerId = id, OccurredAt = t.AddDays(5 + random.Next(10)), OrderId = orderId, Lines = [cart[0]], Amount = Math.Round(cart[0].Quantity * cart[0].UnitPrice, 2) });
        }

        if (random.NextDouble() < 0.25)
        {
            var rating = random.NextDouble() < 0.15 ? 1 + random.Next(2) : 4 + random.Next(2);
            events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.ReviewSubmitted, CustomerId = id, OccurredAt = t.AddDays(3 + random.Next(7)), ProductId = cart[0].ProductId, Category = cart[0].Category, Rating = rating });
        }

        if (random.NextDouble() < 0.04)
        {
            events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.SupportTicket, CustomerId = id, OccurredAt = t.AddDays(2), Rating = 1 + random.Next(5) });
        }

        if (random.NextDouble() < 0.5)
        {
            var opened = t.AddDays(1 + random.Next(6));
            events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.EmailOpened, CustomerId = id, OccurredAt = opened, Channel = "email" });
            if (random.NextDouble() < 0.3)
            {
                events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.EmailClicked, CustomerId = id, OccurredAt = opened.AddMinutes(1), Channel = "email" });
            }
        }
        else if (random.NextDouble() < 0.02)
        {
            events.Add(new CustomerEvent { EventId = nextId(), Type = EventType.EmailUnsubscribed, CustomerId = id, OccurredAt = t.AddDays(2), Channel = "email" });
        }
    }
}
