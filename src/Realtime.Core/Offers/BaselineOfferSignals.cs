using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Signals without a churn model: no churn score (the catalog's <c>default_churn_score</c> applies and segments use
/// the customer's own purchase rhythm), and the CLV the calculator's fallback predicts without fitted parameters
/// (<see cref="ClvModel.None"/>). Null CLV for customers without orders, so the catalog's AOV multiple applies.
/// </summary>
public sealed class BaselineOfferSignals(LifecycleOptions options) : IOfferSignals
{
    /// <inheritdoc />
    public OfferSignals For(CustomerState state, DateTimeOffset now)
    {
        var clv = ClvCalculator.Estimate(state, now, ClvModel.None, options);
        return new OfferSignals(null, clv.Method == ClvMethod.None ? null : clv.Predicted, OfferSignals.NoModel);
    }
}
