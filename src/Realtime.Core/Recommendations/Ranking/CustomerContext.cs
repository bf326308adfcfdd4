using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Per-request values shared by every candidate's features: the customer's usual price and category mix (from the
/// profile and the snapshot's facts), the time since their last order, how much they explore, and each
/// generator's best value (normaliser).
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
        var firstBasketItems = 0;
        foreach (var (id, item) in profile.Items)
        {
            firstBasketItems += item.FirstMs == profile.FirstOrderMs ? 1 : 0;
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
        MeanBasketSize = profile.Baskets > 0 ? (float)(_totalOrders / profile.Baskets) : RankerFeatures.Undefined;
        NoveltyRate = NoveltyOf(profile.Items.Count, firstBasketItems, _totalOrders);
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

    /// <summary>Mean distinct products per order.</summary>
    public float MeanBasketSize { get; }

    /// <summary>
    /// Of the products in the customer's orders after their first, the share that were new to them at the time (each
    /// product is new once, at its first order; the first basket is new by definition and left out). Undefined before
    /// a second order.
    /// </summary>
    public float NoveltyRate { get; }

    public double MaxBought { get; }

    public double MaxViewed { get; }

    public double MaxAffinity { get; }

    /// <summary>The novelty rate from the distinct products, those of the first basket and all product-orders.</summary>
    internal static float NoveltyOf(int products, int firstBasketProducts, double productOrders)
    {
        var later = productOrders - firstBasketProducts;
        return later > 0 ? (float)((products - firstBasketProducts) / later) : RankerFeatures.Undefined;
    }

    /// <summary>Share of the customer's product-orders that fell in <paramref name="category"/>.</summary>
    public float CategoryShare(string category) =>
        _totalOrders > 0 ? (float)(_categoryOrders.GetValueOrDefault(category) / _totalOrders) : 0;
}
