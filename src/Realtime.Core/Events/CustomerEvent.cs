namespace Realtime.Core.Events;

/// <summary>
/// One validated store event. The shape is flat: the envelope (<see cref="EventId"/>, <see cref="Type"/>,
/// <see cref="CustomerId"/>, <see cref="OccurredAt"/>) plus the optional payload fields each type uses.
/// Produced by the JSON and Protobuf decoders and by dataset importers; consumed only by the fold.
/// </summary>
public sealed record CustomerEvent
{
    /// <summary>Producer-assigned id, unique per event; a repeat (a producer retry) is applied once.</summary>
    public required string EventId { get; init; }

    public required EventType Type { get; init; }

    /// <summary>The customer the event belongs to (the Kafka key). For <c>product_upserted</c> it may be empty.</summary>
    public required string CustomerId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Product viewed, added, removed, reviewed or upserted.</summary>
    public string? ProductId { get; init; }

    public string? Category { get; init; }

    /// <summary>Unit price (cart events, <c>product_upserted</c>).</summary>
    public double Price { get; init; }

    /// <summary>Units added or removed (cart events); defaults to 1.</summary>
    public int Quantity { get; init; } = 1;

    public string? OrderId { get; init; }

    /// <summary>Order lines (<c>order_placed</c>) or returned lines (<c>order_returned</c>).</summary>
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    /// <summary>Order total, or the amount refunded for a return.</summary>
    public double Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>Offer or coupon id (orders, <c>offer_shown</c>, <c>offer_redeemed</c>).</summary>
    public string? OfferId { get; init; }

    /// <summary>Acquisition channel (<c>customer_registered</c>) or contact channel (offers, email).</summary>
    public string? Channel { get; init; }

    public string? Campaign { get; init; }

    /// <summary>What the store paid to acquire the customer (<c>customer_registered</c>).</summary>
    public double AcquisitionCost { get; init; }

    /// <summary>
    /// SHA-256 of the customer's normalised (trimmed, lower-cased) email, 64 lower-case hex characters
    /// (<c>customer_registered</c>): the contact key ad platforms match customer lists on. The engine never sees the email.
    /// </summary>
    public string? EmailSha256 { get; init; }

    /// <summary>The customer's birthday as month and day (<c>customer_registered</c>); the year is dropped on input.</summary>
    public MonthDay? Birthday { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper case (<c>customer_registered</c>).</summary>
    public string? Country { get; init; }

    /// <summary>Review rating 1–5 (<c>review_submitted</c>) or ticket satisfaction 1–5 (<c>support_ticket</c>).</summary>
    public int Rating { get; init; }

    /// <summary>First UTC day the spend covers (<c>marketing_spend</c>), inclusive.</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>Last UTC day the spend covers (<c>marketing_spend</c>), inclusive.</summary>
    public DateOnly? PeriodEnd { get; init; }

    /// <summary>Whether the product can be sold (<c>product_upserted</c>).</summary>
    public bool InStock { get; init; } = true;
}
