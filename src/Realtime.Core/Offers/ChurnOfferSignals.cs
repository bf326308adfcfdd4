using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Offer signals from the serving churn model (the promoted version, or its baseline) and the customer's CLV: the
/// win-back value scales with CLV × churn risk, so decisions follow the model a data scientist promoted.
/// </summary>
/// <remarks>CLV uses the fitted model from <paramref name="clvModels"/> when there is one, else the fallback.</remarks>
public sealed class ChurnOfferSignals(IChurnModel churn, LifecycleOptions options, IClvModelSource? clvModels = null) : IOfferSignals
{
    private readonly IClvModelSource _clvModels = clvModels ?? FixedClvModelSource.None;

    public OfferSignals For(CustomerState state, DateTimeOffset now)
    {
        var clv = ClvCalculator.Estimate(state, now, _clvModels.Current, options);
        var risk = churn.Assess(state, now, topFeatures: 0);
        return new OfferSignals(risk.Score, clv.Method == ClvMethod.None ? null : clv.Predicted, risk.ModelVersion);
    }
}
