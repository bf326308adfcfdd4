using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>Builds the two evaluation protocols from the raw logs.</summary>
public static class RecsDatasets
{
    /// <summary>
    /// Online Retail, next basket: every invoice placed in [<paramref name="cutoff"/>, <paramref name="until"/>) by a
    /// customer with at least one earlier invoice is a test point; its distinct products are the hits. The
    /// recommender is asked just before the invoice, with everything (all customers) up to that moment.
    /// </summary>
    public static RecsDataset OnlineRetail(string folder, DateTimeOffset cutoff, DateTimeOffset until)
    {
        var events = OnlineRetailImporter.Load(folder);
        var targets = new Dictionary<int, string[]>();
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type != EventType.OrderPlaced || RecsDataset.IsGuest(e.CustomerId))
            {
                continue;
            }

            if (!ordered.Add(e.CustomerId) && e.OccurredAt >= cutoff && e.OccurredAt < until)
            {
                targets[i] = [.. e.Lines.Select(l => l.ProductId).Distinct()];
            }
        }

        return new RecsDataset("online_retail", events, targets, ExcludeSeen: false);
    }

    /// <summary>
    /// MovieLens 100K, leave-last-out: each user's chronologically last rating is the test point (asked before it,
    /// against the full catalogue, excluding what the user already rated).
    /// </summary>
    public static RecsDataset MovieLens(string folder)
    {
        var events = MovieLensImporter.Load(folder);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type == EventType.ProductViewed)
            {
                last[events[i].CustomerId] = i;
            }
        }

        var targets = last.Values.ToDictionary(i => i, i => new[] { events[i].ProductId! });
        return new RecsDataset("ml_100k", events, targets, ExcludeSeen: true);
    }
}
