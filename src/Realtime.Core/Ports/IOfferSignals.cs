using Realtime.Core.Offers;
using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>
/// The seam where the churn service plugs into offer decisions: churn score, predicted CLV and model version for one
/// customer at one instant. The default (<see cref="BaselineOfferSignals"/>) passes no churn score and a CLV from the
/// no-fit fallback; a churn model registers its own implementation instead. Called on the request path: keep it in
/// process (no I/O).
/// </summary>
public interface IOfferSignals
{
    /// <summary>The signals for <paramref name="state"/> at <paramref name="now"/>.</summary>
    OfferSignals For(CustomerState state, DateTimeOffset now);
}
