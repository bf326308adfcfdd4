using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// What a customer bought, per product, as the learned ranker reads it: order counts, first and last time, and a
/// basket-decayed frequency (Hu et al. 2020's within-customer decay, r = <see cref="BasketDecay"/> per later basket).
/// Built by replaying the customer's orders in time order (<see cref="Observe"/>), or from the bounded state
/// (<see cref="FromState"/>, the last <see cref="StateLimits.PurchasedItems"/> products only).
/// </summary>
public sealed class PurchaseProfile
{
    /// <summary>Weight an order keeps per later basket of the same customer (TIFU-KNN's r_b default).</summary>
    public const double BasketDecay = 0.9;

    private readonly Dictionary<string, ProfileItem> _items = new(StringComparer.Ordinal);

    /// <summary>An empty profile (an unknown or anonymous customer).</summary>
    public static PurchaseProfile Empty { get; } = new();

    /// <summary>Orders seen.</summary>
    public int Baskets { get; private set; }

    /// <summary>Time of the last order, Unix ms (0: none).</summary>
    public long LastOrderMs { get; private set; }

    /// <summary>Time of the first order, Unix ms (0: none).</summary>
    public long FirstOrderMs { get; private set; }

    /// <summary>Products bought, by id.</summary>
    public IReadOnlyDictionary<string, ProfileItem> Items => _items;

    /// <summary>The item's decayed frequency as of now (after <see cref="Baskets"/> baskets).</summary>
    public double DecayedFrequency(in ProfileItem item) => item.Decayed * Math.Pow(BasketDecay, Baskets - item.AtBasket);

    /// <summary>Folds an order (other event types are ignored); call in time order, after the question at that time.</summary>
    public void Observe(CustomerEvent e)
    {
        if (e.Type != EventType.OrderPlaced || e.Lines.Count == 0)
        {
            return;
        }

        var at = TimeUnits.ToMs(e.OccurredAt);
        Baskets++;
        FirstOrderMs = FirstOrderMs == 0 ? at : Math.Min(FirstOrderMs, at);
        LastOrderMs = Math.Max(LastOrderMs, at);
        foreach (var line in e.Lines)
        {
            if (_items.TryGetValue(line.ProductId, out var item))
            {
                if (item.AtBasket == Baskets)
                {
                    continue; // a second line of the same product in one order: one basket
                }

                _items[line.ProductId] = new ProfileItem(
                    line.Category ?? item.Category, item.Orders + 1, Math.Min(item.FirstMs, at), Math.Max(item.LastMs, at),
                    (item.Decayed * Math.Pow(BasketDecay, Baskets - item.AtBasket)) + 1, Baskets);
            }
            else
            {
                _items[line.ProductId] = new ProfileItem(line.Category, 1, at, at, 1, Baskets);
            }
        }
    }

    /// <summary>
    /// The profile the bounded state supports: its purchased products (newest <see cref="StateLimits.PurchasedItems"/>),
    /// with the decayed frequency estimated from the order count and the orders since the product's last one.
    /// </summary>
    public static PurchaseProfile FromState(CustomerState? state)
    {
        if (state is null || state.OrderCount == 0)
        {
            return Empty;
        }

        var profile = new PurchaseProfile { Baskets = state.OrderCount, LastOrderMs = state.LastOrderMs, FirstOrderMs = state.FirstOrderMs };
        foreach (var p in state.Purchased)
        {
            var since = 0;
            foreach (var t in state.RecentOrderMs)
            {
                since += t > p.LastMs ? 1 : 0;
            }

            // Unknown spacing of the earlier orders: assume one per basket before the last, the same decay.
            var decayed = 0.0;
            for (var k = 0; k < Math.Min(p.Orders, 50); k++)
            {
                decayed += Math.Pow(BasketDecay, since + k);
            }

            profile._items[p.ProductId] = new ProfileItem(p.Category, p.Orders, p.FirstMs, p.LastMs, decayed, profile.Baskets);
        }

        return profile;
    }
}
