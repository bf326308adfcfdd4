using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// What each customer has viewed so far, for protocols that exclude it (<see cref="RecsDataset.ExcludeSeen"/>: on
/// ml-100k a movie is rated once); empty sets when the protocol excludes nothing.
/// </summary>
internal sealed class SeenProducts(bool excludeSeen)
{
    private static readonly HashSet<string> s_none = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _seen = new(StringComparer.Ordinal);

    /// <summary>The products to exclude for <paramref name="customerId"/> now.</summary>
    public HashSet<string> Exclusions(string customerId) =>
        excludeSeen ? _seen.GetValueOrDefault(customerId) ?? s_none : s_none;

    public void Observe(CustomerEvent e)
    {
        if (!excludeSeen || e.ProductId is not { } viewed || RecsDataset.IsGuest(e.CustomerId))
        {
            return;
        }

        if (!_seen.TryGetValue(e.CustomerId, out var set))
        {
            _seen[e.CustomerId] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(viewed);
    }
}
