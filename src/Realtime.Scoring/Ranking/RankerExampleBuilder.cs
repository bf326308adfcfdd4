using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// Builds ranker examples point in time: replays the log (<see cref="RankerReplay"/>) and, just before each query
/// event, builds the customer's candidates from everything before it; the label is whether the product is among the
/// query's relevant products (the basket placed at that moment). The query event itself is applied only after.
/// </summary>
public static class RankerExampleBuilder
{
    /// <summary>Examples of the training and validation queries (event index → relevant products) of one replay.</summary>
    public static (RankerExamples Training, RankerExamples Validation) Build(
        IReadOnlyList<CustomerEvent> events,
        IReadOnlyDictionary<int, string[]> training,
        IReadOnlyDictionary<int, string[]> validation,
        RecommendationOptions recommendation,
        ItemSignalOptions signals,
        bool excludeSeen,
        Action? progress = null,
        int exploreLabel = 2)
    {
        var replay = new RankerReplay(recommendation, signals, excludeSeen);
        var (train, valid) = (new RankerExamples(exploreLabel), new RankerExamples(exploreLabel));
        var candidates = new RankerCandidates();
        var last = Math.Max(training.Keys.DefaultIfEmpty(-1).Max(), validation.Keys.DefaultIfEmpty(-1).Max());
        for (var i = 0; i <= last; i++)
        {
            progress?.Invoke();
            var e = events[i];
            var target = training.TryGetValue(i, out var relevant) ? train : validation.TryGetValue(i, out relevant) ? valid : null;
            if (target is not null)
            {
                replay.Candidates(e.CustomerId, TimeUnits.ToMs(e.OccurredAt), candidates);
                target.Add(candidates, new HashSet<string>(relevant!, StringComparer.Ordinal));
            }

            replay.Apply(e);
        }

        return (train, valid);
    }

    /// <summary>
    /// The next-basket queries of a purchase log: every order in [<paramref name="from"/>, <paramref name="until"/>)
    /// by a (non-guest) customer with an earlier order; relevant = its distinct products.
    /// </summary>
    public static Dictionary<int, string[]> NextBaskets(IReadOnlyList<CustomerEvent> events, DateTimeOffset from, DateTimeOffset until)
    {
        var targets = new Dictionary<int, string[]>();
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type != EventType.OrderPlaced || e.Lines.Count == 0 || RankerReplay.IsGuest(e.CustomerId))
            {
                continue;
            }

            if (!ordered.Add(e.CustomerId) && e.OccurredAt >= from && e.OccurredAt < until)
            {
                targets[i] = [.. e.Lines.Select(l => l.ProductId).Distinct()];
            }
        }

        return targets;
    }
}
