namespace Realtime.Core.Events;

/// <summary>Checks an event's business rules after decoding. Returns a reason a producer can act on, or null.</summary>
public static class EventValidator
{
    private static readonly DateTimeOffset s_earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first rule <paramref name="e"/> breaks, or null when it is valid.</summary>
    public static string? Validate(CustomerEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.EventId) || e.EventId.Length > 128)
        {
            return "event_id is required (at most 128 characters)";
        }

        if (e.OccurredAt < s_earliest)
        {
            return "occurred_at is missing or before 2000-01-01";
        }

        if (e.Type != EventType.ProductUpserted && CustomerIds.Problem(e.CustomerId, "customer_id") is { } idProblem)
        {
            return idProblem;
        }

        if (ProblemWithLabels(e) is { } labelProblem)
        {
            return labelProblem;
        }

        return e.Type switch
        {
            EventType.ProductViewed or EventType.AddedToCart or EventType.RemovedFromCart or EventType.ProductUpserted
                => CustomerIds.Problem(e.ProductId, "product_id") ?? ProblemWithAmounts(e),
            EventType.OrderPlaced => ProblemWithOrder(e),
            EventType.OrderReturned => e.Amount < 0 || double.IsNaN(e.Amount) ? "amount must be zero or positive" : ProblemWithLines(e),
            EventType.ReviewSubmitted => e.Rating is < 1 or > 5 ? "rating must be 1 to 5" : null,
            EventType.SupportTicket => e.Rating is < 0 or > 5 ? "rating (satisfaction) must be 0 (unknown) or 1 to 5" : null,
            EventType.CustomerRegistered => e.AcquisitionCost < 0 || double.IsNaN(e.AcquisitionCost) ? "acquisition_cost must be zero or positive" : null,
            EventType.OfferShown or EventType.OfferRedeemed => string.IsNullOrEmpty(e.OfferId) ? "offer_id is required" : null,
            _ => null,
        };
    }

    /// <summary>Free-text labels end up in bounded state; keep them short.</summary>
    private static string? ProblemWithLabels(CustomerEvent e)
    {
        const int Max = 64;
        return e.Category?.Length > Max ? "category is longer than 64 characters"
            : e.Channel?.Length > Max ? "channel is longer than 64 characters"
            : e.Campaign?.Length > Max ? "campaign is longer than 64 characters"
            : e.OfferId?.Length > Max ? "offer_id is longer than 64 characters"
            : e.Currency?.Length > 8 ? "currency is longer than 8 characters"
            : e.OrderId?.Length > 128 ? "order_id is longer than 128 characters"
            : e.Lines.Count > 500 ? "an order may have at most 500 lines"
            : e.Lines.Any(l => l.Category?.Length > Max) ? "lines[].category is longer than 64 characters"
            : null;
    }

    private static string? ProblemWithAmounts(CustomerEvent e) =>
        e.Quantity <= 0 ? "quantity must be positive"
        : e.Price < 0 || !double.IsFinite(e.Price) ? "price must be zero or positive"
        : null;

    private static string? ProblemWithOrder(CustomerEvent e)
    {
        if (e.Lines.Count == 0 && e.Amount <= 0)
        {
            return "order_placed needs lines or a positive total";
        }

        return e.Amount < 0 || !double.IsFinite(e.Amount) ? "total must be zero or positive" : ProblemWithLines(e);
    }

    private static string? ProblemWithLines(CustomerEvent e)
    {
        foreach (var line in e.Lines)
        {
            if (CustomerIds.Problem(line.ProductId, "lines[].product_id") is { } p)
            {
                return p;
            }

            if (line.Quantity <= 0)
            {
                return "lines[].quantity must be positive";
            }

            if (line.UnitPrice < 0 || !double.IsFinite(line.UnitPrice))
            {
                return "lines[].unit_price must be zero or positive";
            }
        }

        return null;
    }
}
