namespace Realtime.Core.Lifecycle.Clv;

/// <summary>A customer's value: what it has brought (net revenue) and what it is expected to bring over the horizon.</summary>
/// <param name="Historical">Net revenue so far (orders minus refunds).</param>
/// <param name="Predicted">Expected revenue over the horizon, discounted.</param>
/// <param name="ExpectedTransactions">Expected transactions (purchase days) over the horizon, undiscounted.</param>
/// <param name="ExpectedSpend">Expected spend per transaction.</param>
/// <param name="ProbabilityAlive">P(alive) now (model), or the fallback's survival proxy; null without orders.</param>
/// <param name="Method">How <paramref name="Predicted"/> was computed.</param>
public sealed record ClvEstimate(double Historical, double Predicted, double ExpectedTransactions, double ExpectedSpend, double? ProbabilityAlive, ClvMethod Method)
{
    /// <summary>Historical plus predicted value.</summary>
    public double Total => Historical + Predicted;
}
