namespace Realtime.Core.Offers;

/// <summary>The customer amount an offer's incremental value is proportional to (see <see cref="OfferValueModel"/>).</summary>
public enum ValueBasis
{
    /// <summary>No proportional part: only <see cref="OfferValueModel.FixedValue"/> counts.</summary>
    None,

    /// <summary>The customer's average order value (the catalog's default AOV before a first order).</summary>
    Aov,

    /// <summary>The open cart's value.</summary>
    Cart,

    /// <summary>The predicted customer lifetime value (falls back to AOV × <see cref="OfferPolicy.ClvFallbackAovMultiple"/>).</summary>
    Clv,

    /// <summary>Predicted CLV × churn score: the value at risk that a win-back can save.</summary>
    ClvAtRisk,
}
