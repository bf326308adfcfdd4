using Realtime.Core.Events;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>Terse builders for the hand-made events of the trigger tests.</summary>
internal static class TriggerEvents
{
    private static int s_next;

    public static CustomerEvent Registered(string customer, DateTimeOffset at, MonthDay? birthday = null) =>
        Of(EventType.CustomerRegistered, customer, at) with { Channel = "search", AcquisitionCost = 10, Birthday = birthday };

    public static CustomerEvent Order(string customer, DateTimeOffset at, string product, string category = "coffee", double price = 12) =>
        Of(EventType.OrderPlaced, customer, at) with
        {
            OrderId = $"o{Interlocked.Increment(ref s_next)}",
            Amount = price,
            Lines = [new OrderLine(product, category, 1, price)],
        };

    public static CustomerEvent Viewed(string customer, DateTimeOffset at, string product, string category) =>
        Of(EventType.ProductViewed, customer, at) with { ProductId = product, Category = category, Price = 100 };

    public static CustomerEvent Carted(string customer, DateTimeOffset at, string product, string category) =>
        Of(EventType.AddedToCart, customer, at) with { ProductId = product, Category = category, Price = 100, Quantity = 1 };

    public static CustomerEvent Unsubscribed(string customer, DateTimeOffset at) => Of(EventType.EmailUnsubscribed, customer, at);

    public static CustomerEvent OfferShown(string customer, DateTimeOffset at, string channel) =>
        Of(EventType.OfferShown, customer, at) with { OfferId = "free_shipping", Channel = channel };

    public static CustomerEvent Upserted(string product, DateTimeOffset at, string category, double price, bool inStock) =>
        Of(EventType.ProductUpserted, string.Empty, at) with { ProductId = product, Category = category, Price = price, InStock = inStock };

    private static CustomerEvent Of(EventType type, string customer, DateTimeOffset at) => new()
    {
        EventId = $"tr{Interlocked.Increment(ref s_next)}-{Environment.ProcessId}",
        Type = type,
        CustomerId = customer,
        OccurredAt = at,
    };
}
