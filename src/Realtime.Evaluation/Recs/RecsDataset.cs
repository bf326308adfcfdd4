using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// An event log ready for replay plus the test points: the events (by index) before which the recommender is asked,
/// and the products that count as hits there.
/// </summary>
/// <param name="Name">Dataset name as printed in result lines (<c>online_retail</c>, <c>ml_100k</c>).</param>
/// <param name="Events">All events, in time order (stable for ties).</param>
/// <param name="Targets">Event index → products the customer actually took at that moment.</param>
/// <param name="ExcludeSeen">Whether everything the customer interacted with before is excluded (ml-100k: a movie is rated once).</param>
/// <param name="Validation">
/// The same protocol on data that ends before the first test point (no test event in it), for tuning baselines; null
/// for a validation set itself.
/// </param>
/// <param name="Training">
/// On a validation set: queries before its own (event index → relevant products) that the learned ranker trains on;
/// the validation targets then serve as its early-stopping queries. Null: nothing to train on.
/// </param>
public sealed record RecsDataset(
    string Name,
    IReadOnlyList<CustomerEvent> Events,
    IReadOnlyDictionary<int, string[]> Targets,
    bool ExcludeSeen,
    RecsDataset? Validation = null,
    IReadOnlyDictionary<int, string[]>? Training = null)
{
    /// <summary>Whether events of <paramref name="customerId"/> belong to an anonymous visitor (item statistics only, no state).</summary>
    public static bool IsGuest(string customerId) => customerId.Length == 0 || customerId.StartsWith("guest-", StringComparison.Ordinal);
}
