namespace Realtime.Core.Offers;

/// <summary>The model outputs a decision uses besides the state: churn risk and predicted CLV, and which model gave them.</summary>
/// <param name="ChurnScore">Churn probability in [0, 1]; null when no churn model scored the customer.</param>
/// <param name="PredictedClv">Predicted customer lifetime value; null to let the catalog's fallback (AOV multiple) apply.</param>
/// <param name="ModelVersion">The churn model version, or <c>baseline</c>/<c>none</c>; published with every decision.</param>
public readonly record struct OfferSignals(double? ChurnScore, double? PredictedClv, string ModelVersion)
{
    /// <summary>The model version reported when no churn model is wired in.</summary>
    public const string NoModel = "none";
}
