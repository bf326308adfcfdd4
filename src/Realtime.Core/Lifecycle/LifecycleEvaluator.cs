using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// Evaluates a customer the same way everywhere (ingest, sweeper, API): the same options, the same cached RFM
/// histograms, the same CLV model, so <c>hero</c> cannot flap between callers that feed different inputs.
/// </summary>
public sealed class LifecycleEvaluator(LifecycleOptions options, ILifecycleCounters counters, IClvModelSource? clvModels = null)
{
    private readonly IClvModelSource _clvModels = clvModels ?? FixedClvModelSource.None;

    /// <summary>An evaluator that always uses <paramref name="clvModel"/> (tests, offline evaluation).</summary>
    public LifecycleEvaluator(LifecycleOptions options, ILifecycleCounters counters, ClvModel clvModel)
        : this(options, counters, new FixedClvModelSource(clvModel))
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

    /// <summary>The customer's facts and segments at <paramref name="now"/>.</summary>
    public (SegmentSet Segments, LifecycleFacts Facts) Evaluate(CustomerState state, DateTimeOffset now)
    {
        var facts = LifecycleFacts.From(state, now, Options, RfmOf(state));
        return (SegmentEvaluator.Evaluate(facts, Options), facts);
    }

    /// <summary>The customer's CLV at <paramref name="now"/>.</summary>
    public ClvEstimate Clv(CustomerState state, DateTimeOffset now) => ClvCalculator.Estimate(state, now, ClvModel, Options);
}
