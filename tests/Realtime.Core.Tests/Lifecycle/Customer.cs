using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>Builds customer states through the real fold, so tests see what ingest would produce.</summary>
internal sealed class Customer
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private int _next;

    public CustomerState State { get; } = new("c1");

    public Customer Registered(DateTimeOffset at, string channel = "email", double cost = 10) =>
        Apply(EventType.CustomerRegistered, at, e => e with { Channel = channel, AcquisitionCost = cost });

    public Customer Viewed(DateTimeOffset at) => Apply(EventType.ProductViewed, at, e => e with { ProductId = "p1" });

    public Customer Ordered(DateTimeOffset at, double amount = 50) =>
        Apply(EventType.OrderPlaced, at, e => e with { OrderId = $"o{_next}", Amount = amount, Lines = [new OrderLine("p1", "books", 1, amount)] });

    public Customer Carted(DateTimeOffset at, double price = 30) =>
        Apply(EventType.AddedToCart, at, e => e with { ProductId = "p2", Price = price });

    public Customer Reviewed(DateTimeOffset at, int rating) => Apply(EventType.ReviewSubmitted, at, e => e with { ProductId = "p1", Rating = rating });

    public Customer Returned(DateTimeOffset at, double amount) => Apply(EventType.OrderReturned, at, e => e with { Amount = amount });

    private Customer Apply(EventType type, DateTimeOffset at, Func<CustomerEvent, CustomerEvent> fill)
    {
        var e = new CustomerEvent { EventId = $"e{_next++}", Type = type, CustomerId = State.CustomerId, OccurredAt = at };
        CustomerFold.Apply(State, fill(e));
        return this;
    }
}
