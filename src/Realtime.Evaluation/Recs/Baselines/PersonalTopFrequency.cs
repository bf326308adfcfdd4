using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// P-TopFreq (the next-basket literature's "personal top frequency"): the customer's products by the number of
/// their baskets that held them, ties broken by the most recent basket, then the fill list (decayed popularity).
/// </summary>
internal sealed class PersonalTopFrequency
{
    private readonly Dictionary<string, Dictionary<string, Frequency>> _customers = new(StringComparer.Ordinal);

    public void Observe(CustomerEvent e)
    {
        if (PurchaseBaskets.Of(e) is not { } basket)
        {
            return;
        }

        if (!_customers.TryGetValue(e.CustomerId, out var items))
        {
            _customers[e.CustomerId] = items = new Dictionary<string, Frequency>(StringComparer.Ordinal);
        }

        // The basket's position in the customer's sequence is the recency: events replay in time order.
        var sequence = items.Count == 0 ? 1 : items.Values.Max(f => f.LastBasket) + 1;
        foreach (var product in basket)
        {
            var before = items.GetValueOrDefault(product);
            items[product] = new Frequency(before.Baskets + 1, sequence);
        }
    }

    public List<string> Recommend(string customerId, IReadOnlySet<string> exclude, IReadOnlyList<string> fill, int count)
    {
        var own = _customers.TryGetValue(customerId, out var items)
            ? items.OrderByDescending(p => p.Value.Baskets)
                .ThenByDescending(p => p.Value.LastBasket)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key)
            : [];
        return FilledList.Build(own, fill, exclude, count);
    }

    private readonly record struct Frequency(int Baskets, int LastBasket);
}
