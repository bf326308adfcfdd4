using Realtime.Core.Lifecycle;

namespace Realtime.Core.Offers;

/// <summary>Evaluates <see cref="OfferEligibility"/>; returns the first rule that fails, in words, or null.</summary>
internal static class OfferEligibilityRules
{
    public static string? FirstFailure(OfferEligibility rules, OfferRequest request, OfferEconomics money)
    {
        var customer = request.Customer;
        var segments = request.Segments;
        if (rules.Segments.Count > 0 && !rules.Segments.Any(segments.Contains))
        {
            return "not in " + string.Join(" or ", rules.Segments.Select(OfferSegmentKeys.ToKey));
        }

        foreach (var excluded in rules.ExcludeSegments)
        {
            if (segments.Contains(excluded))
            {
                return "excluded segment " + OfferSegmentKeys.ToKey(excluded);
            }
        }

        if (rules.RequiresNegativeExperience && !segments.Contains(Segment.NegativeExperience))
        {
            return "no negative experience to recover from";
        }

        if (rules.MinOrders is { } minOrders && customer.OrderCount < minOrders)
        {
            return $"{customer.OrderCount} orders < {minOrders}";
        }

        if (rules.MaxOrders is { } maxOrders && customer.OrderCount > maxOrders)
        {
            return $"{customer.OrderCount} orders > {maxOrders}";
        }

        var days = OfferEconomics.DaysSinceLastOrder(customer, request.Now);
        if (rules.MinDaysSinceLastOrder is { } minDays && !(days >= minDays))
        {
            return days is null ? "no order yet" : $"last order {days:0.0} days ago < {minDays}";
        }

        if (rules.MaxDaysSinceLastOrder is { } maxDays && !(days <= maxDays))
        {
            return days is null ? "no order yet" : $"last order {days:0.0} days ago > {maxDays}";
        }

        if (rules.MinCartValue is { } minCart && money.Cart < minCart)
        {
            return $"cart value {money.Cart:0.##} < {minCart}";
        }

        if (rules.MinAverageRating is { } minRating)
        {
            if (customer.ReviewCount == 0)
            {
                return "no review yet";
            }

            var average = customer.ReviewRatingSum / (double)customer.ReviewCount;
            if (average < minRating)
            {
                return $"average rating {average:0.0} < {minRating}";
            }
        }

        if (rules.MinRepeatPurchases is { } minRepeat && !customer.Purchased.Any(p => p.Orders >= minRepeat))
        {
            return $"no product bought in {minRepeat} orders";
        }

        if (rules.MinChurnScore is { } minChurn && !(request.ChurnScore >= minChurn))
        {
            return request.ChurnScore is null ? "no churn score" : $"churn score {request.ChurnScore:0.00} < {minChurn}";
        }

        if (rules.MinClv is { } minClv && money.Clv < minClv)
        {
            return $"CLV {money.Clv:0.##} < {minClv}";
        }

        if (rules.MaxClv is { } maxClv && money.Clv >= maxClv)
        {
            return $"CLV {money.Clv:0.##} >= {maxClv}";
        }

        return null;
    }
}
