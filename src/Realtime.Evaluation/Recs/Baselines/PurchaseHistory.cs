using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// The products each customer has bought so far in the replay: what makes a test item a <i>repeat</i> (bought
/// before the question) or an <i>explore</i> item (never bought), as in Li et al. 2023.
/// </summary>
internal sealed class PurchaseHistory
{
    private static readonly HashSet<string> s_none = [];
    private readonly Dictionary<string, HashSet<string>> _bought = new(StringComparer.Ordinal);

    public void Observe(CustomerEvent e)
    {
        if (PurchaseBaskets.Of(e) is not { } basket)
        {
            return;
        }

        if (!_bought.TryGetValue(e.CustomerId, out var items))
        {
            _bought[e.CustomerId] = items = new HashSet<string>(StringComparer.Ordinal);
        }

        items.UnionWith(basket);
    }

    /// <summary>The customer's purchased products so far (empty for a customer without orders).</summary>
    public IReadOnlySet<string> Of(string customerId) => _bought.GetValueOrDefault(customerId) ?? s_none;
}
