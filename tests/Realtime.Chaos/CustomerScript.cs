using Realtime.Core.Events;

namespace Realtime.Chaos;

/// <summary>
/// One customer's events, one at a time: a mix of views, cart adds, orders, returns, email, reviews, tickets and offers.
/// Only types that bump a state counter, so lost and doubled events can be counted (<see cref="StateCounters"/>).
/// </summary>
internal sealed class CustomerScript(string customerId, Random random)
{
    private readonly List<(string OrderId, double Total)> _orders = [];

    public CustomerEvent Next(int round, DateTimeOffset at)
    {
        var eventId = $"e-{customerId}-{round}";
        var roll = random.Next(100);
        if (roll < 40)
        {
            return Item(EventType.ProductViewed, eventId, at);
        }

        if (roll < 58)
        {
            return Item(EventType.AddedToCart, eventId, at);
        }

        if (roll < 70)
        {
            return Order(eventId, at);
        }

        if (roll < 73 && _orders.Count > 0)
        {
            var (orderId, total) = _orders[random.Next(_orders.Count)];
            return new CustomerEvent { EventId = eventId, Type = EventType.OrderReturned, CustomerId = customerId, OccurredAt = at, OrderId = orderId, Amount = Math.Round(total / 2, 2) };
        }

        var type = roll switch
        {
            < 83 => EventType.EmailOpened,
            < 88 => EventType.EmailClicked,
            < 92 => EventType.ReviewSubmitted,
            < 95 => EventType.SupportTicket,
            _ => EventType.OfferShown,
        };
        return new CustomerEvent
        {
            EventId = eventId,
            Type = type,
            CustomerId = customerId,
            OccurredAt = at,
            Channel = type is EventType.EmailOpened or EventType.EmailClicked or EventType.OfferShown ? "email" : null,
            Rating = type == EventType.ReviewSubmitted ? 1 + random.Next(5) : type == EventType.SupportTicket ? random.Next(6) : 0,
            ProductId = type == EventType.ReviewSubmitted ? EventStream.Product(EventStream.RandomProduct(random)) : null,
            OfferId = type == EventType.OfferShown ? $"offer-{random.Next(5)}" : null,
        };
    }

    private CustomerEvent Item(EventType type, string eventId, DateTimeOffset at)
    {
        var p = EventStream.RandomProduct(random);
        return new CustomerEvent
        {
            EventId = eventId,
            Type = type,
            CustomerId = customerId,
            OccurredAt = at,
            ProductId = EventStream.Product(p),
            Category = EventStream.Category(p),
            Price = EventStream.Price(p),
            Quantity = type == EventType.AddedToCart ? 1 + random.Next(2) : 1,
        };
    }

    private CustomerEvent Order(string eventId, DateTimeOffset at)
    {
        var lines = new List<OrderLine>();
        for (var i = 1 + random.Next(3); i > 0; i--)
        {
            var p = EventStream.RandomProduct(random);
            lines.Add(new OrderLine(EventStream.Product(p), EventStream.Category(p), 1 + random.Next(2), EventStream.Price(p)));
        }

        var total = Math.Round(lines.Sum(l => l.Quantity * l.UnitPrice), 2);
        var orderId = $"o-{eventId}";
        _orders.Add((orderId, total));
        return new CustomerEvent { EventId = eventId, Type = EventType.OrderPlaced, CustomerId = customerId, OccurredAt = at, OrderId = orderId, Lines = lines, Amount = total, Currency = "EUR" };
    }
}
