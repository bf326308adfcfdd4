namespace Realtime.Core.Events;

/// <summary>Maps <see cref="EventType"/> to and from its wire name (<c>order_placed</c>, ...).</summary>
public static class EventTypeNames
{
    private static readonly string[] s_names =
    [
        "customer_registered", "product_viewed", "added_to_cart", "removed_from_cart", "checkout_started",
        "order_placed", "order_returned", "email_opened", "email_clicked", "email_unsubscribed",
        "review_submitted", "support_ticket", "offer_shown", "offer_redeemed", "product_upserted",
        "marketing_spend",
    ];

    private static readonly Dictionary<string, EventType> s_byName =
        s_names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (EventType)p.i, StringComparer.Ordinal);

    /// <summary>All wire names, in enum order.</summary>
    public static IReadOnlyList<string> All => s_names;

    /// <summary>The wire name of a type.</summary>
    public static string ToWireName(this EventType type) => s_names[(int)type];

    /// <summary>Parses a wire name; false for an unknown type.</summary>
    public static bool TryParse(string? name, out EventType type) =>
        s_byName.TryGetValue(name ?? string.Empty, out type);
}
