using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>
/// The current churn scorer, as segments see it (the input of <c>Lifecycle:ChurnAtRiskThreshold</c>): the score of the
/// trained model serving at evaluation time, or null when no trained model serves (the baseline is a recency heuristic
/// that the purchase-rhythm rule already covers, so it does not move anyone into <c>at_risk</c>). In process, no I/O:
/// it is called for every customer an ingest batch changes.
/// </summary>
public interface IChurnScoreSource
{
    /// <summary>The segment-deciding churn score of <paramref name="state"/> at <paramref name="now"/>, or null.</summary>
    double? ScoreFor(CustomerState state, DateTimeOffset now);
}
