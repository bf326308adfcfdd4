using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Per-request values shared by every candidate's features: the customer's usual price and category mix (from the
/// profile and the snapshot's facts), the time since their last order, and each generator's best value (normaliser).
/// </summary>
internal sealed class CustomerContext
{
    private readonly Dictionary<string, double> _categoryOrders = new(StringComparer.Ordinal);
    private readonly double _totalOrders;

    public CustomerContext(PurchaseProfile profile, ItemSignalSnapshot signals, RankScratch scratch, long nowMs)
    {
        Profile = profile;
        Signals = signals;
        double priceSum = 0;
        var priced = 0;
        foreach (var (id, item) in profile.Items)
        {
            var price = signals.FactsOf(id).Price;
            if (price > 0)
            {
                priceSum += price;
                priced++;
            }

            if (item.Category is { } category)
            {
                _categoryOrders[category] = _categoryOrders.GetValueOrDefault(category) + item.Orders;
            }

            _totalOrders += item.Orders;
        }

        MeanPrice = priced > 0 ? priceSum / priced : 0;
        DaysSinceLastOrder = profile.LastOrderMs > 0 ? (float)Math.Max(0, TimeUnits.DaysBetween(profile.LastOrderMs, nowMs)) : RankerFeatures.Undefined;
        for (var i = 0; i < scratch.Count; i++)
        {
            MaxBought = Math.Max(MaxBought, scratch.Items[i].Bought);
            MaxViewed = Math.Max(MaxViewed, scratch.Items[i].Viewed);
            MaxAffinity = Math.Max(MaxAffinity, scratch.Items[i].Affinity);
        }
    }

    public PurchaseProfile Profile { get; }

    public ItemSignalSnapshot Signals { get; }

    /// <summary>Mean catalog price of the products the customer bought (0: none known).</summary>
    public double MeanPrice { get; }

    public float DaysSinceLastOrder { get; }

    public double MaxBought { get; }

    public double MaxViewed { get; }

    public double MaxAffinity { get; }

    /// <summary>Share of the customer's product-orders that fell in <paramref name="category"/>.</summary>
    public float CategoryShare(string category) =>
        _totalOrders > 0 ? (float)(_categoryOrders.GetValueOrDefault(category) / _totalOrders) : 0;
}
