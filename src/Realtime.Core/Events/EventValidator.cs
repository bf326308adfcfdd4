namespace Realtime.Core.Events;

/// <summary>
/// Checks an event's business rules after decoding, including the bounds of <see cref="EventLimits"/>. Returns a
/// reason a producer can act on, or null. The processing time is a parameter: Core never reads the clock.
/// </summary>
public static class EventValidator
{
    /// <summary>
    /// The first rule <paramref name="e"/> breaks, or null when it is valid. An event dated more than
    /// <paramref name="maxFutureSkew"/> after <paramref name="now"/> (the processing clock) is refused: a broken producer
    /// clock or a typo'd year would otherwise make recency negative for years, or overflow date arithmetic.
    /// </summary>
    public static string? Validate(CustomerEvent e, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (string.IsNullOrWhiteSpace(e.EventId) || e.EventId.Length > EventLimits.MaxIdLength)
        {
            return "event_id is required (at most 128 characters)";
        }

        if (e.OccurredAt < EventLimits.Earliest)
        {
            return "occurred_at is missing or before 2000-01-01";
        }

        if (e.OccurredAt - now > maxFutureSkew)
        {
            return $"occurred_at is more than {maxFutureSkew.TotalHours:0.##} h ahead of the processing clock";
        }

        if (e.Type is not (EventType.ProductUpserted or EventType.MarketingSpend) && CustomerIds.Problem(e.CustomerId, "customer_id") is { } idProblem)
        {
            return idProblem;
        }

        if (ProblemWithLabels(e) is { } labelProblem)
        {
            return labelProblem;
        }

        if (ContactFields.Problem(e) is { } contactProblem)
        {
            return contactProblem;
        }

        if (e.Type != EventType.MarketingSpend && (e.PeriodStart is not null || e.PeriodEnd is not null))
        {
            return "period_start and period_end belong to marketing_spend only";
        }

        return e.Type switch
        {
            EventType.ProductViewed or EventType.AddedToCart or EventType.RemovedFromCart or EventType.ProductUpserted
                => CustomerIds.Problem(e.ProductId, "product_id") ?? ProblemWithAmounts(e),
            EventType.OrderPlaced => ProblemWithOrder(e),
            EventType.OrderReturned => Money(e.Amount, "amount") ?? ProblemWithLines(e),
            EventType.ReviewSubmitted => e.Rating is < 1 or > 5 ? "rating must be 1 to 5" : null,
            EventType.SupportTicket => e.Rating is < 0 or > 5 ? "rating (satisfaction) must be 0 (unknown) or 1 to 5" : null,
            EventType.CustomerRegistered => Money(e.AcquisitionCost, "acquisition_cost"),
            EventType.OfferShown or EventType.OfferRedeemed => string.IsNullOrEmpty(e.OfferId) ? "offer_id is required" : null,
            EventType.MarketingSpend => SpendPeriod.Problem(e) ?? Money(e.Amount, "amount"),
            _ => null,
        };
    }

    /// <summary>Free-text labels end up in bounded state; keep them short.</summary>
    private static string? ProblemWithLabels(CustomerEvent e)
    {
        const int Max = EventLimits.MaxLabelLength;
        return e.Category?.Length > Max ? "category is longer than 64 characters"
            : e.Channel?.Length > Max ? "channel is longer than 64 characters"
            : e.Campaign?.Length > Max ? "campaign is longer than 64 characters"
            : e.OfferId?.Length > Max ? "offer_id is longer than 64 characters"
            : e.Currency?.Length > 8 ? "currency is longer than 8 characters"
            : e.OrderId?.Length > EventLimits.MaxIdLength ? "order_id is longer than 128 characters"
            : e.Lines.Count > EventLimits.MaxLines ? "an order may have at most 500 lines"
            : e.Lines.Any(l => l.Category?.Length > Max) ? "lines[].category is longer than 64 characters"
            : null;
    }

    private static string? ProblemWithAmounts(CustomerEvent e) =>
        Quantity(e.Quantity, "quantity") ?? Money(e.Price, "price");

    private static string? ProblemWithOrder(CustomerEvent e)
    {
        if (Money(e.Amount, "total") is { } problem)
        {
            return problem;
        }

        if (e.Lines.Count == 0 && e.Amount <= 0)
        {
            return "order_placed needs lines or a positive total";
        }

        return ProblemWithLines(e);
    }

    private static string? ProblemWithLines(CustomerEvent e)
    {
        double total = 0;
        foreach (var line in e.Lines)
        {
            if (CustomerIds.Problem(line.ProductId, "lines[].product_id") is { } p)
            {
                return p;
            }

            if ((Quantity(line.Quantity, "lines[].quantity") ?? Money(line.UnitPrice, "lines[].unit_price")) is { } q)
            {
                return q;
            }

            // Each factor is bounded, so the product and the sum are finite; the order's value is bounded like a total.
            total += line.Quantity * line.UnitPrice;
        }

        return total > EventLimits.MaxAmount ? "the lines' value (sum of quantity × unit_price) may be at most 1e9" : null;
    }

    private static string? Money(double value, string field) =>
        value >= 0 && value <= EventLimits.MaxAmount ? null : $"{field} must be a number from 0 to 1e9";

    private static string? Quantity(int value, string field) =>
        value is > 0 and <= EventLimits.MaxQuantity ? null : $"{field} must be an integer from 1 to 1000000";
}
