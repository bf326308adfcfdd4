using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Churn;

/// <summary>
/// Replays a history through <see cref="CustomerFold"/> in <c>occurred_at</c> order and snapshots every buyer's features
/// at each cutoff, point-in-time: a snapshot is taken before the first event later than its cutoff is applied, so it
/// sees exactly the events with <c>occurred_at</c> ≤ cutoff. The replay then continues and clears the churn label of a
/// snapshot when the customer orders in (cutoff, cutoff + horizon]. Pure: the caller supplies the events.
/// Memory: the history is sorted in memory (one pass over a list); states are one per customer, as in Redis.
/// </summary>
public static class TrainingSetBuilder
{
    /// <summary>Builds the labelled examples. <paramref name="progress"/> receives the share of events replayed (0–1).</summary>
    public static TrainingSet Build(IEnumerable<CustomerEvent> events, TrainingSetOptions options, IProgress<double>? progress = null)
    {
        if (options.Horizon <= TimeSpan.Zero)
        {
            throw new ArgumentException("the horizon must be positive", nameof(options));
        }

        // OrderBy is stable: events at the same instant keep their source order, as the fold saw them in production.
        var sorted = events.Where(e => !string.IsNullOrEmpty(e.CustomerId)).OrderBy(e => e.OccurredAt).ToList();
        var cutoffs = options.Cutoffs.Distinct().Order().ToList();
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var customers = new List<CustomerState>();
        var open = new Dictionary<string, List<ChurnExample>>(StringComparer.Ordinal);
        var examples = new List<ChurnExample>();
        var next = 0;
        var reportEvery = Math.Max(1, sorted.Count / 100);

        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            while (next < cutoffs.Count && e.OccurredAt > cutoffs[next])
            {
                Snapshot(customers, cutoffs[next++], options.MinOrders, examples, open);
            }

            if (!states.TryGetValue(e.CustomerId, out var state))
            {
                state = new CustomerState(e.CustomerId);
                states.Add(e.CustomerId, state);
                customers.Add(state);
            }

            if (CustomerFold.TryApply(state, e) && e.Type == EventType.OrderPlaced && open.TryGetValue(e.CustomerId, out var snapshots))
            {
                foreach (var example in snapshots)
                {
                    if (e.OccurredAt > example.Cutoff && e.OccurredAt <= example.Cutoff + options.Horizon)
                    {
                        example.Churned = false;
                    }
                }
            }

            if (i % reportEvery == 0)
            {
                progress?.Report(i / (double)sorted.Count);
            }
        }

        while (next < cutoffs.Count)
        {
            Snapshot(customers, cutoffs[next++], options.MinOrders, examples, open);
        }

        progress?.Report(1);
        DateTimeOffset? start = sorted.Count > 0 ? sorted[0].OccurredAt : null;
        var end = options.DataEnd ?? (sorted.Count > 0 ? sorted[^1].OccurredAt : null);
        var labelled = examples.Where(x => end is { } last && x.Cutoff + options.Horizon <= last).ToList();
        return new TrainingSet
        {
            Examples = labelled,
            DataStart = start,
            DataEnd = end,
            Cutoffs = labelled.Select(x => x.Cutoff).Distinct().Order().ToList(),
            Horizon = options.Horizon,
            EventCount = sorted.Count,
            CustomerCount = customers.Count,
            UnlabeledDropped = examples.Count - labelled.Count,
        };
    }

    private static void Snapshot(
        List<CustomerState> customers, DateTimeOffset cutoff, int minOrders, List<ChurnExample> examples, Dictionary<string, List<ChurnExample>> open)
    {
        foreach (var state in customers)
        {
            if (state.OrderCount < minOrders)
            {
                continue;
            }

            var features = new float[FeatureSchema.Count];
            ChurnFeatures.Compute(state, cutoff, features);
            var example = new ChurnExample(state.CustomerId, cutoff, features);
            examples.Add(example);
            if (!open.TryGetValue(state.CustomerId, out var list))
            {
                list = [];
                open.Add(state.CustomerId, list);
            }

            list.Add(example);
        }
    }
}
