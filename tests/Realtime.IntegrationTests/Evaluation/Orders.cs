using Realtime.Core.Events;

namespace Realtime.IntegrationTests.Evaluation;

/// <summary>Hand-made purchase logs for the recommendation harness's tests: one order per call, days after 2011-01-01.</summary>
internal static class Orders
{
    public static readonly DateTimeOffset Start = new(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CustomerEvent Order(string customer, double day, params string[] products) => new()
    {
        EventId = $"order-{customer}-{day}",
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = Start.AddDays(day),
        OrderId = $"{customer}-{day}",
        Lines = [.. products.Select(p => new OrderLine(p, "CAT", 1, 1.0))],
    };

    public static CustomerEvent View(string customer, double day, string product) => new()
    {
        EventId = $"view-{customer}-{day}-{product}",
        Type = EventType.ProductViewed,
        CustomerId = customer,
        OccurredAt = Start.AddDays(day),
        ProductId = product,
    };
}
