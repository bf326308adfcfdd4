using Realtime.Core.Events;

namespace Realtime.Core.Tests.Recommendations;

/// <summary>Small builders for recommendation tests. Times are minutes after a fixed start.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static int s_next;

    public static DateTimeOffset At(double minutes) => Start.AddMinutes(minutes);

    public static long Ms(double minutes) => At(minutes).ToUnixTimeMilliseconds();

    public static CustomerEvent Order(string customer, double minutes, params string[] items) => new()
    {
        EventId = $"e{Interlocked.Increment(ref s_next)}",
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = At(minutes),
        Lines = [.. items.Select(i => new OrderLine(i, "cat-" + i[0], 1, 10))],
        Amount = 10 * items.Length,
    };

    public static CustomerEvent View(string customer, double minutes, string item) => new()
    {
        EventId = $"e{Interlocked.Increment(ref s_next)}",
        Type = EventType.ProductViewed,
        CustomerId = customer,
        OccurredAt = At(minutes),
        ProductId = item,
        Category = "cat-" + item[0],
    };

    public static CustomerEvent Upsert(string item, string category, bool inStock = true, double minutes = 0) => new()
    {
        EventId = $"e{Interlocked.Increment(ref s_next)}",
        Type = EventType.ProductUpserted,
        CustomerId = string.Empty,
        OccurredAt = At(minutes),
        ProductId = item,
        Category = category,
        Price = 5,
        InStock = inStock,
    };
}
