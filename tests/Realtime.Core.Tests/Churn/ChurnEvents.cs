using Realtime.Core.Events;

namespace Realtime.Core.Tests.Churn;

/// <summary>Small event builders for churn tests.</summary>
internal static class ChurnEvents
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int s_next;

    public static CustomerEvent Order(string customer, DateTimeOffset at, double total = 50) => new()
    {
        EventId = $"o-{Interlocked.Increment(ref s_next)}",
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = at,
        Amount = total,
        Lines = [new OrderLine("p1", "books", 1, total)],
    };

    public static CustomerEvent Of(EventType type, string customer, DateTimeOffset at, int rating = 0) => new()
    {
        EventId = $"e-{Interlocked.Increment(ref s_next)}",
        Type = type,
        CustomerId = customer,
        OccurredAt = at,
        ProductId = "p2",
        Category = "music",
        Price = 10,
        Rating = rating,
        Channel = type == EventType.CustomerRegistered ? "paid_search" : null,
    };

    public static DateTimeOffset Day(double days) => T0.AddDays(days);
}
