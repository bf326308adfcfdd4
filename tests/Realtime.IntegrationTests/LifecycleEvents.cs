using Realtime.Core.Events;

namespace Realtime.IntegrationTests;

/// <summary>Terse builders for the hand-made events of the lifecycle tests.</summary>
internal static class LifecycleEvents
{
    private static int s_next;

    public static CustomerEvent Registered(string customer, DateTimeOffset at, string channel = "email", double cost = 20) =>
        Of(EventType.CustomerRegistered, customer, at) with { Channel = channel, AcquisitionCost = cost };

    public static CustomerEvent Order(string customer, DateTimeOffset at, double total) =>
        Of(EventType.OrderPlaced, customer, at) with
        {
            OrderId = $"o{Interlocked.Increment(ref s_next)}",
            Amount = total,
            Lines = [new OrderLine("p1", "shoes", 1, total)],
        };

    public static CustomerEvent AddToCart(string customer, DateTimeOffset at, double price = 30) =>
        Of(EventType.AddedToCart, customer, at) with { ProductId = "p2", Category = "bags", Price = price, Quantity = 1 };

    private static CustomerEvent Of(EventType type, string customer, DateTimeOffset at) => new()
    {
        EventId = $"lc{Interlocked.Increment(ref s_next)}-{Environment.ProcessId}",
        Type = type,
        CustomerId = customer,
        OccurredAt = at,
    };
}
