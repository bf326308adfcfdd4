using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// The money side of a decision (docs/offers.md "Decision formulas"):
/// <code>
/// aov   = customer's average order value, or policy.default_aov before a first order
/// clv   = predicted CLV, or aov × policy.clv_fallback_aov_multiple
/// churn = churn score, or policy.default_churn_score
/// basis = aov | cart value | clv | clv × churn | 0           (value.basis)
/// value_if_accepted = incremental_share × margin × multiplier × basis + fixed_value
/// cost_if_accepted  = fixed_credit + percent_of_aov% × aov + percent_of_cart% × cart
/// expected_value    = p_accept × (value_if_accepted − cost_if_accepted) − contact_cost
/// </code>
/// </summary>
internal readonly record struct OfferEconomics(double Aov, double Cart, double Clv, double Churn, double Margin)
{
    public static OfferEconomics For(OfferRequest request, OfferPolicy policy)
    {
        var customer = request.Customer;
        var aov = customer.OrderCount > 0 ? customer.AverageOrderValue : policy.DefaultAov;
        var clv = request.PredictedClv ?? aov * policy.ClvFallbackAovMultiple;
        var churn = Math.Clamp(request.ChurnScore ?? policy.DefaultChurnScore, 0, 1);
        return new OfferEconomics(aov, customer.CartValue, Math.Max(clv, 0), churn, policy.MarginRate);
    }

    public double ValueIfAccepted(OfferValueModel value)
    {
        var basis = value.Basis switch
        {
            ValueBasis.Aov => Aov,
            ValueBasis.Cart => Cart,
            ValueBasis.Clv => Clv,
            ValueBasis.ClvAtRisk => Clv * Churn,
            _ => 0,
        };
        return (value.IncrementalShare * (value.MarginRate ?? Margin) * value.Multiplier * basis) + value.FixedValue;
    }

    public double CostIfAccepted(OfferCost cost) =>
        cost.FixedCredit + (cost.PercentOfAov / 100 * Aov) + (cost.PercentOfCart / 100 * Cart);

    public static double ExpectedValue(double pAccept, double value, double cost, double contactCost) =>
        (pAccept * (value - cost)) - contactCost;

    /// <summary>Days since the last order, or null before the first.</summary>
    public static double? DaysSinceLastOrder(CustomerState customer, DateTimeOffset now) =>
        customer.LastOrderMs == 0 ? null : TimeUnits.DaysBetween(customer.LastOrderMs, TimeUnits.ToMs(now));
}
