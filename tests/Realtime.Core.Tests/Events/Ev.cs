using Realtime.Core.Events;

namespace Realtime.Core.Tests.Events;

/// <summary>Terse builders for hand-made events in tests.</summary>
internal static class Ev
{
    private static int s_next;

    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static CustomerEvent Of(EventType type, string customer = "c1", double daysAfterT0 = 0) => new()
    {
        EventId = $"e{Interlocked.Increment(ref s_next)}",
        Type = type,
        CustomerId = customer,
        OccurredAt = T0.AddDays(daysAfterT0),
    };

    public static CustomerEvent Order(double day, double total, params (string Product, string Category)[] lines) => Of(EventType.OrderPlaced, daysAfterT0: day) with
    {
        OrderId = $"o{Interlocked.Increment(ref s_next)}",
        Amount = total,
        Lines = lines.Select(l => new OrderLine(l.Product, l.Category, 1, total / Math.Max(1, lines.Length))).ToList(),
    };

    public static CustomerEvent View(double day, string product, string category = "shoes") =>
        Of(EventType.ProductViewed, daysAfterT0: day) with { ProductId = product, Category = category };

    public static CustomerEvent AddToCart(double day, string product, double price, int quantity = 1) =>
        Of(EventType.AddedToCart, daysAfterT0: day) with { ProductId = product, Category = "shoes", Price = price, Quantity = quantity };
}
