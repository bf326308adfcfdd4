using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// What a customer bought, per product, as the learned ranker reads it: order counts, first and last time, and a
/// basket-decayed frequency (Hu et al. 2020's within-customer decay, r = <see cref="BasketDecay"/> per later basket).
/// Built by replaying the customer's orders in time order (<see cref="Observe(CustomerEvent, int)"/>, the one history
/// fold: ingest's <see cref="CustomerState.History"/>, the harness and the ranker's example builder all call it), or
/// estimated from the bounded state (<see cref="FromState"/>, the last <see cref="StateLimits.PurchasedItems"/>
/// products only) for a customer ingested before histories were kept.
/// </summary>
public sealed class PurchaseProfile
{
    /// <summary>Weight an order keeps per later basket of the same customer (TIFU-KNN's r_b default).</summary>
    public const double BasketDecay = 0.9;

    /// <summary>Products a stored history keeps by default (<c>Recommendations:History:MaxProducts</c>).</summary>
    public const int DefaultMaxProducts = 200;

    private readonly Dictionary<string, ProfileItem> _items;

    /// <summary>An empty profile.</summary>
    public PurchaseProfile() => _items = new(StringComparer.Ordinal);

    private PurchaseProfile(PurchaseProfile other) =>
        (_items, Baskets, FirstOrderMs, LastOrderMs) = (new(other._items, StringComparer.Ordinal), other.Baskets, other.FirstOrderMs, other.LastOrderMs);

    /// <summary>An empty profile (an unknown or anonymous customer).</summary>
    public static PurchaseProfile Empty { get; } = new();

    /// <summary>Orders seen.</summary>
    public int Baskets { get; internal set; }

    /// <summary>Time of the last order, Unix ms (0: none).</summary>
    public long LastOrderMs { get; internal set; }

    /// <summary>Time of the first order, Unix ms (0: none).</summary>
    public long FirstOrderMs { get; internal set; }

    /// <summary>Products bought, by id.</summary>
    public IReadOnlyDictionary<string, ProfileItem> Items => _items;

    /// <summary>The item's decayed frequency as of now (after <see cref="Baskets"/> baskets).</summary>
    public double DecayedFrequency(in ProfileItem item) => item.Decayed * Math.Pow(BasketDecay, Baskets - item.AtBasket);

    /// <summary>The profile serving ranks with: the stored history when the state carries one, else <see cref="FromState"/>.</summary>
    public static PurchaseProfile Of(CustomerState? state) => state?.History ?? FromState(state);

    /// <summary>
    /// The history after order <paramref name="e"/>, as a new profile (the state before keeps its own): the state's
    /// history, or for a customer who ordered before histories were kept, the estimate from the state (so the counters
    /// stay those of the state), or an empty one; then <see cref="Observe(CustomerEvent, int)"/>. Call before the
    /// state itself takes the order.
    /// </summary>
    public static PurchaseProfile Next(CustomerState state, CustomerEvent e, int maxProducts)
    {
        var next = state.History is { } history ? new PurchaseProfile(history) : state.OrderCount > 0 ? FromState(state) : new PurchaseProfile();
        next.Observe(e, maxProducts);
        return next;
    }

    /// <summary>Folds an order with no bound on the products kept (the offline example builder's whole history).</summary>
    public void Observe(CustomerEvent e) => Observe(e, int.MaxValue);

    /// <summary>
    /// Folds an order (other event types are ignored); call in time order. Keeps at most <paramref name="maxProducts"/>
    /// products: past it, those with the lowest decayed frequency now go (ties: the earlier last order, then the
    /// ordinal product id), so the outcome depends only on the orders, not on where a batch began or ended.
    /// </summary>
    public void Observe(CustomerEvent e, int maxProducts)
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

        if (_items.Count > maxProducts)
        {
            Evict(_items.Count - maxProducts);
        }
    }

    /// <summary>Adds an item as decoded (the codec's way in).</summary>
    internal void Restore(string productId, ProfileItem item) => _items[productId] = item;

    private void Evict(int count)
    {
        var weakest = _items
            .Select(kv => (Id: kv.Key, Weight: DecayedFrequency(kv.Value), kv.Value.LastMs))
            .OrderBy(x => x.Weight).ThenBy(x => x.LastMs).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        foreach (var (id, _, _) in weakest)
        {
            _items.Remove(id);
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
