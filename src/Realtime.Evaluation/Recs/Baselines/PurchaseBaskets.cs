using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// What the next-basket baselines see of the log: a known customer's <c>order_placed</c> as a basket of distinct
/// products. Views, returns and guest orders are not baskets (a guest has no history to personalise).
/// </summary>
internal static class PurchaseBaskets
{
    /// <summary>The basket of <paramref name="e"/>, or null when the event is not a known customer's order.</summary>
    public static string[]? Of(CustomerEvent e) =>
        e.Type == EventType.OrderPlaced && !RecsDataset.IsGuest(e.CustomerId) && e.Lines.Count > 0
            ? [.. e.Lines.Select(l => l.ProductId).Distinct(StringComparer.Ordinal)]
            : null;
}
