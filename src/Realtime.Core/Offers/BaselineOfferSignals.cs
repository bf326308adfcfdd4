using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Signals without a churn model: no churn score (the catalog's <c>default_churn_score</c> applies and segments use
/// the customer's own purchase rhythm), and the CLV predicted with the fitted model from the source (the calculator's
/// fallback while there is none, <see cref="ClvModel.None"/>). Null CLV for customers without orders, so the catalog's AOV multiple applies.
/// </summary>
public sealed class BaselineOfferSignals(LifecycleOptions options, IClvModelSource? clvModels = null) : IOfferSignals
{
    private readonly IClvModelSource _clvModels = clvModels ?? FixedClvModelSource.None;

    /// <inheritdoc />
    public OfferSignals For(CustomerState state, DateTimeOffset now)
    {
        var clv = ClvCalculator.Estimate(state, now, _clvModels.Current, options);
        return new OfferSignals(null, clv.Method == ClvMethod.None ? null : clv.Predicted, OfferSignals.NoModel);
    }
}
