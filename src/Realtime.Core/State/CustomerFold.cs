using Realtime.Core.Events;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Core.State;

/// <summary>
/// The one place where an event changes a customer (DESIGN §2.1). Streaming ingest, offline training-set builders,
/// evaluation harnesses and tests all call it, so training and serving cannot drift apart.
/// The fold mutates the state it is given (ingest folds thousands of events a second; copying would be waste)
/// and is deterministic: the same events in the same order give byte-identical state. After each applied event the
/// state is brought within <see cref="StateLimits.MaxEncodedBytes"/> (<see cref="StateBudget"/>).
/// Events may arrive out of <c>occurred_at</c> order; first/last times are kept as min/max, not "latest wins".
/// Money is bounded per event (<see cref="Events.EventLimits"/>) and saturates in the sums, counters at
/// <see cref="int.MaxValue"/> (<see cref="Saturating"/>): no arithmetic here can overflow.
/// An <c>order_placed</c> repeating a remembered <c>order_id</c> is one order (the repeat changes nothing), and a refund
/// is clamped to what its order brought less what was refunded from it already — or, when the order is not among
/// the remembered ones, to the customer's net revenue — so net revenue never goes below zero.
/// </summary>
public static class CustomerFold
{
    private const double ViewWeight = 1;
    private const double CartWeight = 2;
    private const double OrderWeight = 5;

    /// <summary>Applies <paramref name="e"/> to <paramref name="state"/> and returns it.</summary>
    public static CustomerState Apply(CustomerState state, CustomerEvent e)
    {
        TryApply(state, e);
        return state;
    }

    /// <summary>
    /// Applies <paramref name="e"/>; false (and the state unchanged) when it is a repeat of an event id applied
    /// recently (a producer retry) or an <c>order_placed</c> with a remembered order id (a resubmitted order).
    /// </summary>
    public static bool TryApply(CustomerState state, CustomerEvent e)
    {
        var idHash = StableHash.Of(e.EventId);
        if (state.RecentEventIds.Contains(idHash))
        {
            return false;
        }

        if (e.Type == EventType.OrderPlaced && FindOrder(state, e.OrderId) >= 0)
        {
            return false;
        }

        Bounded.Append(state.RecentEventIds, idHash, StateLimits.RecentEventIds);
        var at = TimeUnits.ToMs(e.OccurredAt);
        state.FirstSeenMs = state.FirstSeenMs == 0 ? at : Math.Min(state.FirstSeenMs, at);
        state.LastSeenMs = Math.Max(state.LastSeenMs, at);

        switch (e.Type)
        {
            case EventType.CustomerRegistered:
                state.RegisteredAtMs = at;
                state.AcquisitionChannel = e.Channel ?? state.AcquisitionChannel;
                state.Campaign = e.Campaign ?? state.Campaign;
                state.AcquisitionCost = Saturating.Money(e.AcquisitionCost);
                state.EmailSha256 = e.EmailSha256 ?? state.EmailSha256;
                state.BirthdayMonthDay = e.Birthday?.Packed ?? state.BirthdayMonthDay;
                state.Country = e.Country ?? state.Country;
                break;
            case EventType.ProductViewed:
                state.ViewCount = Saturating.Increment(state.ViewCount);
                TouchItem(state, e.ProductId!, at);
                TouchCategory(state, e.Category, ViewWeight, at);
                break;
            case EventType.AddedToCart:
                state.CartAddCount = Saturating.Increment(state.CartAddCount);
                AddToCart(state, e, at);
                TouchItem(state, e.ProductId!, at);
                TouchCategory(state, e.Category, CartWeight, at);
                break;
            case EventType.RemovedFromCart:
                RemoveFromCart(state, e.ProductId!, e.Quantity, at);
                break;
            case EventType.CheckoutStarted:
                state.CheckoutStartedMs = Math.Max(state.CheckoutStartedMs, at);
                break;
            case EventType.OrderPlaced:
                ApplyOrder(state, e, at);
                break;
            case EventType.OrderReturned:
                state.ReturnCount = Saturating.Increment(state.ReturnCount);
                state.ReturnedAmount = Saturating.Add(state.ReturnedAmount, Refund(state, e));
                state.LastReturnMs = Math.Max(state.LastReturnMs, at);
                break;
            case EventType.EmailOpened:
                state.EmailOpens = Saturating.Increment(state.EmailOpens);
                state.LastEmailEngagementMs = Math.Max(state.LastEmailEngagementMs, at);
                break;
            case EventType.EmailClicked:
                state.EmailClicks = Saturating.Increment(state.EmailClicks);
                state.LastEmailEngagementMs = Math.Max(state.LastEmailEngagementMs, at);
                break;
            case EventType.EmailUnsubscribed:
                state.EmailUnsubscribed = true;
                break;
            case EventType.ReviewSubmitted:
                state.ReviewCount = Saturating.Increment(state.ReviewCount);
                state.ReviewRatingSum = Saturating.Add(state.ReviewRatingSum, e.Rating, int.MaxValue);
                if (e.Rating <= 2)
                {
                    state.LowRatingCount = Saturating.Increment(state.LowRatingCount);
                    state.LastLowRatingMs = Math.Max(state.LastLowRatingMs, at);
                }

                break;
            case EventType.SupportTicket:
                state.TicketCount = Saturating.Increment(state.TicketCount);
                if (e.Rating is >= 1 and <= 2)
                {
                    state.UnhappyTicketCount = Saturating.Increment(state.UnhappyTicketCount);
                    state.LastUnhappyTicketMs = Math.Max(state.LastUnhappyTicketMs, at);
                }

                break;
            case EventType.OfferShown:
                state.OffersShown = Saturating.Increment(state.OffersShown);
                Bounded.Prepend(state.RecentOffers, new OfferContact(e.OfferId!, e.Channel, at, Redeemed: false), StateLimits.RecentOffers);
                break;
            case EventType.OfferRedeemed:
                MarkRedeemed(state, e.OfferId!, e.Channel, at);
                break;
            case EventType.ProductUpserted:
            case EventType.MarketingSpend:
                // Catalog facts live in the item store and spend in the spend ledger, not in a customer's state.
                break;
        }

        // Part of the fold, not of a store's write: every path that folds (ingest, the training replay, tests) keeps
        // the same bounded state, event by event, so where a batch happens to end cannot change what is kept.
        StateBudget.Fit(state);
        return true;
    }

    private static void ApplyOrder(CustomerState state, CustomerEvent e, long at)
    {
        if (state.HistoryMaxProducts > 0)
        {
            state.History = PurchaseProfile.Next(state, e, state.HistoryMaxProducts); // before the state takes the order: a first history starts from it
        }

        state.OrderCount = Saturating.Increment(state.OrderCount);
        var amount = Saturating.Money(e.Amount > 0 ? e.Amount : LinesTotal(e.Lines));
        state.GrossRevenue = Saturating.Add(state.GrossRevenue, amount);
        if (!string.IsNullOrEmpty(e.OrderId))
        {
            Bounded.Append(state.RecentOrders, new RecentOrder(StableHash.Of(e.OrderId), amount, 0), StateLimits.RecentOrderIds);
        }

        state.FirstOrderMs = state.FirstOrderMs == 0 ? at : Math.Min(state.FirstOrderMs, at);
        state.LastOrderMs = Math.Max(state.LastOrderMs, at);
        InsertSorted(state.RecentOrderMs, at);
        if (state.RecentOrderMs.Count > StateLimits.RecentOrders)
        {
            state.RecentOrderMs.RemoveAt(0);
        }

        foreach (var line in e.Lines)
        {
            RecordPurchase(state, line, at);
            TouchCategory(state, line.Category, OrderWeight, at);
            state.Cart.RemoveAll(c => c.ProductId == line.ProductId);
        }

        // An order placed after the last cart change is the checkout of that cart; an older one (late event) is not.
        if (at >= state.CartUpdatedMs)
        {
            state.Cart.Clear();
            state.CheckoutStartedMs = 0;
        }

        if (!string.IsNullOrEmpty(e.OfferId))
        {
            MarkRedeemed(state, e.OfferId, e.Channel, at);
        }
    }

    private static void RecordPurchase(CustomerState state, OrderLine line, long at)
    {
        var i = state.Purchased.FindIndex(p => p.ProductId == line.ProductId);
        var item = i < 0
            ? new PurchasedItem(line.ProductId, line.Category, 1, at, at)
            : state.Purchased[i] with
            {
                Orders = Saturating.Increment(state.Purchased[i].Orders),
                FirstMs = Math.Min(state.Purchased[i].FirstMs, at),
                LastMs = Math.Max(state.Purchased[i].LastMs, at),
                Category = line.Category ?? state.Purchased[i].Category,
            };
        if (i >= 0)
        {
            state.Purchased.RemoveAt(i);
        }

        Bounded.Prepend(state.Purchased, item, StateLimits.PurchasedItems);
    }

    private static void AddToCart(CustomerState state, CustomerEvent e, long at)
    {
        var i = state.Cart.FindIndex(c => c.ProductId == e.ProductId);
        if (i >= 0)
        {
            state.Cart[i] = state.Cart[i] with { Quantity = Saturating.Add(state.Cart[i].Quantity, e.Quantity, EventLimits.MaxQuantity), UnitPrice = e.Price };
        }
        else if (state.Cart.Count < StateLimits.CartLines)
        {
            state.Cart.Add(new CartLine(e.ProductId!, e.Category, e.Quantity, e.Price));
        }

        state.CartUpdatedMs = Math.Max(state.CartUpdatedMs, at);
    }

    private static void RemoveFromCart(CustomerState state, string productId, int quantity, long at)
    {
        var i = state.Cart.FindIndex(c => c.ProductId == productId);
        if (i >= 0)
        {
            var left = state.Cart[i].Quantity - quantity;
            if (left > 0)
            {
                state.Cart[i] = state.Cart[i] with { Quantity = left };
            }
            else
            {
                state.Cart.RemoveAt(i);
            }
        }

        state.CartUpdatedMs = Math.Max(state.CartUpdatedMs, at);
    }

    private static void TouchItem(CustomerState state, string productId, long at)
    {
        var i = state.RecentItems.FindIndex(r => r.ProductId == productId);
        if (i >= 0)
        {
            if (state.RecentItems[i].AtMs >= at)
            {
                return;
            }

            state.RecentItems.RemoveAt(i);
        }

        // Newest first; a late event slots in by time so the list stays ordered.
        var pos = state.RecentItems.FindIndex(r => r.AtMs < at);
        state.RecentItems.Insert(pos < 0 ? state.RecentItems.Count : pos, new RecentItem(productId, at));
        if (state.RecentItems.Count > StateLimits.RecentItems)
        {
            state.RecentItems.RemoveAt(state.RecentItems.Count - 1);
        }
    }

    private static void TouchCategory(CustomerState state, string? category, double weight, long at)
    {
        if (string.IsNullOrEmpty(category))
        {
            return;
        }

        var i = state.Categories.FindIndex(c => c.Category == category);
        if (i >= 0)
        {
            var c = state.Categories[i];
            state.Categories[i] = c.UpdatedMs >= at
                ? c with { Count = Saturating.Increment(c.Count), Score = c.Score + (weight * Decay.Factor(at, c.UpdatedMs, StateLimits.AffinityHalfLifeDays)) }
                : new CategoryAffinity(category, Saturating.Increment(c.Count), (c.Score * Decay.Factor(c.UpdatedMs, at, StateLimits.AffinityHalfLifeDays)) + weight, at);
            return;
        }

        state.Categories.Add(new CategoryAffinity(category, 1, weight, at));
        if (state.Categories.Count > StateLimits.Categories)
        {
            // Evict the weakest affinity, compared at one reference time so old and new entries are fair.
            var weakest = 0;
            var weakestScore = double.MaxValue;
            for (var k = 0; k < state.Categories.Count; k++)
            {
                var score = Decay.ScoreAt(state.Categories[k], state.LastSeenMs);
                if (score < weakestScore)
                {
                    weakest = k;
                    weakestScore = score;
                }
            }

            state.Categories.RemoveAt(weakest);
        }
    }

    private static void MarkRedeemed(CustomerState state, string offerId, string? channel, long at)
    {
        state.OffersRedeemed = Saturating.Increment(state.OffersRedeemed);
        var i = state.RecentOffers.FindIndex(o => o.OfferId == offerId && !o.Redeemed);
        if (i >= 0)
        {
            state.RecentOffers[i] = state.RecentOffers[i] with { Redeemed = true };
        }
        else
        {
            Bounded.Prepend(state.RecentOffers, new OfferContact(offerId, channel, at, Redeemed: true), StateLimits.RecentOffers);
        }
    }

    private static double LinesTotal(IReadOnlyList<OrderLine> lines)
    {
        double total = 0;
        foreach (var line in lines)
        {
            total += line.Quantity * line.UnitPrice;
        }

        return Saturating.Money(total);
    }

    /// <summary>
    /// What a return may take: the amount asked (or its lines' value), at most what its order has left to refund when
    /// the order is remembered, and never more than the customer's net revenue. Records the refund on the order.
    /// </summary>
    private static double Refund(CustomerState state, CustomerEvent e)
    {
        var requested = Saturating.Money(e.Amount > 0 ? e.Amount : LinesTotal(e.Lines));
        var limit = Math.Max(0, state.NetRevenue);
        var i = FindOrder(state, e.OrderId);
        if (i >= 0)
        {
            var order = state.RecentOrders[i];
            limit = Math.Min(limit, Math.Max(0, order.Amount - order.Refunded));
        }

        var refund = Math.Clamp(requested, 0, limit);
        if (i >= 0)
        {
            state.RecentOrders[i] = state.RecentOrders[i] with { Refunded = Saturating.Add(state.RecentOrders[i].Refunded, refund) };
        }

        return refund;
    }

    private static int FindOrder(CustomerState state, string? orderId)
    {
        if (string.IsNullOrEmpty(orderId))
        {
            return -1;
        }

        var hash = StableHash.Of(orderId);
        for (var i = 0; i < state.RecentOrders.Count; i++)
        {
            if (state.RecentOrders[i].IdHash == hash)
            {
                return i;
            }
        }

        return -1;
    }

    private static void InsertSorted(List<long> list, long value)
    {
        var i = list.BinarySearch(value);
        list.Insert(i < 0 ? ~i : i, value);
    }
}
