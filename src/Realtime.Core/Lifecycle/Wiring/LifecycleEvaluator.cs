using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle.Wiring;

/// <summary>
/// The one segment evaluator: ingest, the sweeper, the churn and customer RPCs, offer decisions and offer learning all
/// evaluate a customer here, with the same options, the same cached RFM histograms, the same CLV model and the same
/// churn score rule (<see cref="IChurnScoreSource"/>: the serving trained model's score at evaluation time, none while
/// only the baseline serves), so a customer's segments cannot differ between callers that would feed different inputs.
/// </summary>
public sealed class LifecycleEvaluator(
    LifecycleOptions options, ILifecycleCounters counters, IClvModelSource? clvModels = null, IChurnScoreSource? churnScores = null)
{
    private readonly IClvModelSource _clvModels = clvModels ?? FixedClvModelSource.None;

    /// <summary>An evaluator that always uses <paramref name="clvModel"/> (tests, offline evaluation).</summary>
    public LifecycleEvaluator(LifecycleOptions options, ILifecycleCounters counters, ClvModel clvModel, IChurnScoreSource? churnScores = null)
        : this(options, counters, new FixedClvModelSource(clvModel), churnScores)
    {
    }

    /// <summary>The thresholds in force.</summary>
    public LifecycleOptions Options { get; } = options;

    /// <summary>
    /// The CLV model in force, read from the source at each call (it refreshes when a refit is stored):
    /// <see cref="ClvModel.None"/> until a fitted one exists, which makes every estimate use the documented fallback
    /// (own rhythm and spend, discounted by silence).
    /// </summary>
    public ClvModel ClvModel => _clvModels.Current;

    /// <summary>RFM scores of a buyer against the current population; null for a customer without orders.</summary>
    public RfmScores? RfmOf(CustomerState state) =>
        RfmMetrics.From(state) is { } m ? RfmScorer.Score(m, counters.CurrentHistograms) : null;

    /// <summary>The churn score segments use for <paramref name="state"/> at <paramref name="now"/> (null: none serves).</summary>
    public double? ChurnScoreOf(CustomerState state, DateTimeOffset now) => churnScores?.ScoreFor(state, now);

    /// <summary>The customer's facts and segments at <paramref name="now"/>, with the churn score of the model serving now.</summary>
    public (SegmentSet Segments, LifecycleFacts Facts) Evaluate(CustomerState state, DateTimeOffset now) =>
        Evaluate(state, now, ChurnScoreOf(state, now));

    /// <summary>
    /// The same with an explicit <paramref name="churnScore"/> (null: the purchase rhythm alone decides <c>at_risk</c>), for a
    /// caller that already holds the score <see cref="ChurnScoreOf"/> gave.
    /// </summary>
    public (SegmentSet Segments, LifecycleFacts Facts) Evaluate(CustomerState state, DateTimeOffset now, double? churnScore)
    {
        var facts = LifecycleFacts.From(state, now, Options, RfmOf(state), churnScore);
        return (SegmentEvaluator.Evaluate(facts, Options), facts);
    }

    /// <summary>The customer's CLV at <paramref name="now"/>.</summary>
    public ClvEstimate Clv(CustomerState state, DateTimeOffset now) => ClvCalculator.Estimate(state, now, ClvModel, Options);
}
