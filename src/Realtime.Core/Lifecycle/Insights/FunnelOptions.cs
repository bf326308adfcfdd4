using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// The onboarding funnel's settings (section <c>Lifecycle:Funnel</c>). The second-purchase window defaults to the offer
/// playbook's: <c>second_purchase_10</c> and <c>second_purchase_free_shipping</c> in <c>default-offers.json</c> are
/// eligible for first-time buyers 7 to 90 days after their order.
/// </summary>
public sealed class FunnelOptions
{
    /// <summary>First day, counted from the first order, of the second-purchase incentive window. Default 7.</summary>
    [Range(0, 3650)]
    public int SecondPurchaseWindowStartDays { get; set; } = 7;

    /// <summary>Last day (inclusive) of the second-purchase incentive window. Default 90.</summary>
    [Range(0, 3650)]
    public int SecondPurchaseWindowEndDays { get; set; } = 90;

    /// <summary>Checks that the window is not empty.</summary>
    public void Validate()
    {
        if (SecondPurchaseWindowEndDays < SecondPurchaseWindowStartDays)
        {
            throw new ArgumentException("Lifecycle:Funnel: SecondPurchaseWindowStartDays <= SecondPurchaseWindowEndDays is required");
        }
    }
}
