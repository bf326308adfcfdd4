using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>Builds the two evaluation protocols from the raw logs, each with a validation set that holds no test event.</summary>
public static class RecsDatasets
{
    /// <summary>Length of the validation window when the test window is open-ended and the log is empty after the cutoff.</summary>
    private static readonly TimeSpan s_defaultValidation = TimeSpan.FromDays(61);

    /// <summary>
    /// Online Retail, next basket: every invoice placed in [<paramref name="cutoff"/>, <paramref name="until"/>) by a
    /// customer with at least one earlier invoice is a test point; its distinct products are the hits. The
    /// recommender is asked just before the invoice, with everything (all customers) up to that moment.
    /// </summary>
    public static RecsDataset OnlineRetail(string folder, DateTimeOffset cutoff, DateTimeOffset until) =>
        OnlineRetail(OnlineRetailImporter.Load(folder), cutoff, until);

    /// <summary>
    /// <see cref="OnlineRetail(string, DateTimeOffset, DateTimeOffset)"/> on imported events; the validation set is
    /// the same protocol on the events before the cutoff, over the window <see cref="ValidationWindow"/>.
    /// </summary>
    public static RecsDataset OnlineRetail(IReadOnlyList<CustomerEvent> events, DateTimeOffset cutoff, DateTimeOffset until)
    {
        var dataEnd = events.Count == 0 ? cutoff : events[^1].OccurredAt;
        var (start, end) = ValidationWindow(cutoff, until, dataEnd);
        var before = events.Where(e => e.OccurredAt < end).ToList();
        var training = NextBaskets(before, DateTimeOffset.MinValue, start);
        var validation = new RecsDataset("online_retail_validation", before, NextBaskets(before, start, end), ExcludeSeen: false, Training: training);
        return new RecsDataset("online_retail", events, NextBaskets(events, cutoff, until), ExcludeSeen: false, validation);
    }

    /// <summary>
    /// The validation window: as long as the test window (up to the log's end when <paramref name="until"/> is open),
    /// ending at the cutoff, so it never overlaps the test window. Default cutoff: May and June 2011 for July–August.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) ValidationWindow(DateTimeOffset cutoff, DateTimeOffset until, DateTimeOffset dataEnd)
    {
        var testEnd = until < dataEnd ? until : dataEnd;
        var length = testEnd > cutoff ? testEnd - cutoff : s_defaultValidation;
        return (cutoff - length, cutoff);
    }

    /// <summary>
    /// MovieLens 100K, leave-last-out: each user's chronologically last rating is the test point (asked before it,
    /// against the full catalogue, excluding what the user already rated). Validation: the same on the log without
    /// every user's last rating (leave-second-to-last-out).
    /// </summary>
    public static RecsDataset MovieLens(string folder) => MovieLens(MovieLensImporter.Load(folder));

    /// <summary><see cref="MovieLens(string)"/> on imported events.</summary>
    public static RecsDataset MovieLens(IReadOnlyList<CustomerEvent> events)
    {
        var targets = LastRatings(events);
        var withoutTest = new List<CustomerEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            // A test rating is its view and, for 4 or 5 stars, the order the importer places right after it.
            var testOrder = i > 0 && targets.ContainsKey(i - 1) && events[i].Type == EventType.OrderPlaced
                && events[i].CustomerId == events[i - 1].CustomerId && events[i].OccurredAt == events[i - 1].OccurredAt;
            if (!targets.ContainsKey(i) && !testOrder)
            {
                withoutTest.Add(events[i]);
            }
        }

        var validationTargets = LastRatings(withoutTest);
        var validation = new RecsDataset("ml_100k_validation", withoutTest, validationTargets, ExcludeSeen: true, Training: EarlierRatings(withoutTest, MovieLensTrainingRatings));
        return new RecsDataset("ml_100k", events, targets, ExcludeSeen: true, validation);
    }

    private static Dictionary<int, string[]> NextBaskets(IReadOnlyList<CustomerEvent> events, DateTimeOffset from, DateTimeOffset until)
    {
        var targets = new Dictionary<int, string[]>();
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type != EventType.OrderPlaced || RecsDataset.IsGuest(e.CustomerId))
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

    /// <summary>Ratings per user the ranker trains on: those just before the validation one (leave-k-out, k = 2..4 on the validation log).</summary>
    private const int MovieLensTrainingRatings = 3;

    /// <summary>Each user's <paramref name="count"/> views before their last one in <paramref name="events"/>.</summary>
    private static Dictionary<int, string[]> EarlierRatings(List<CustomerEvent> events, int count)
    {
        var views = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type == EventType.ProductViewed)
            {
                if (!views.TryGetValue(events[i].CustomerId, out var list))
                {
                    views[events[i].CustomerId] = list = [];
                }

                list.Add(i);
            }
        }

        var targets = new Dictionary<int, string[]>();
        foreach (var list in views.Values)
        {
            for (var k = Math.Max(1, list.Count - 1 - count); k < list.Count - 1; k++)
            {
                targets[list[k]] = [events[list[k]].ProductId!];
            }
        }

        return targets;
    }

    private static Dictionary<int, string[]> LastRatings(IReadOnlyList<CustomerEvent> events)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type == EventType.ProductViewed)
            {
                last[events[i].CustomerId] = i;
            }
        }

        return last.Values.ToDictionary(i => i, i => new[] { events[i].ProductId! });
    }
}
