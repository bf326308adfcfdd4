using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// The checks an offer must pass before it is scored, cheapest and most final first: channel, validity window,
/// subscription, eligibility, purchase suppression, channel cap (the catalog's, then the daily budget shared with
/// triggers), no-repeat, budget. Null means it passed.
/// </summary>
internal static class OfferGate
{
    public const string Email = "email";

    public static (OfferVerdict Verdict, string Reason)? Check(
        OfferDefinition offer, OfferRequest request, OfferCatalog catalog, OfferEconomics money)
    {
        var policy = catalog.Policy;
        var customer = request.Customer;
        var nowMs = TimeUnits.ToMs(request.Now);
        if (!offer.Channels.Contains(request.Channel))
        {
            return (OfferVerdict.WrongChannel, $"not offered on {request.Channel}");
        }

        if (offer.ValidFrom is { } from && request.Now < from)
        {
            return (OfferVerdict.Expired, $"valid from {from:O}");
        }

        if (offer.ValidUntil is { } until && request.Now >= until)
        {
            return (OfferVerdict.Expired, $"expired at {until:O}");
        }

        if (customer.EmailUnsubscribed && (request.Channel == Email || offer.Eligibility.RequiresEmailSubscription))
        {
            return (OfferVerdict.Unsubscribed, "customer unsubscribed from email");
        }

        if (OfferEligibilityRules.FirstFailure(offer.Eligibility, request, money) is { } why)
        {
            return (OfferVerdict.Ineligible, why);
        }

        var sinceOrder = OfferEconomics.DaysSinceLastOrder(customer, request.Now);
        if (offer.Sales && sinceOrder is { } d && d < policy.SuppressSalesAfterOrderDays)
        {
            return (OfferVerdict.SuppressedAfterPurchase, $"ordered {d:0.0} days ago; sales offers wait {policy.SuppressSalesAfterOrderDays} days");
        }

        foreach (var cap in policy.ChannelCaps)
        {
            if (cap.Channel != request.Channel)
            {
                continue;
            }

            var since = nowMs - (long)(cap.PeriodDays * TimeUnits.MsPerDay);
            var contacts = customer.RecentOffers.Count(o => o.Channel == request.Channel && o.AtMs > since && o.AtMs <= nowMs);
            if (contacts >= cap.MaxContacts)
            {
                return (OfferVerdict.ChannelCapped, $"{contacts} {request.Channel} offers in the last {cap.PeriodDays} days (cap {cap.MaxContacts})");
            }
        }

        if (request.SharedBudget?.Refusal(request.Channel, customer.RecentOffers, nowMs) is { } sharedRefusal)
        {
            return (OfferVerdict.ChannelCapped, sharedRefusal);
        }

        foreach (var contact in customer.RecentOffers)
        {
            if (contact.OfferId != offer.Id)
            {
                var kindAgo = TimeUnits.DaysBetween(contact.AtMs, nowMs);
                if (kindAgo < offer.Contact.NoRepeatKindDays && catalog.Find(contact.OfferId)?.Kind == offer.Kind)
                {
                    return (OfferVerdict.RecentlyShown, $"{contact.OfferId} (same kind) shown {kindAgo:0.0} days ago; no repeat within {offer.Contact.NoRepeatKindDays} days");
                }

                continue;
            }

            if (offer.Contact.OncePerCustomer && contact.Redeemed)
            {
                return (OfferVerdict.RecentlyShown, "already redeemed (once per customer)");
            }

            var ago = TimeUnits.DaysBetween(contact.AtMs, nowMs);
            if (ago < offer.Contact.NoRepeatDays)
            {
                return (OfferVerdict.RecentlyShown, $"shown {ago:0.0} days ago; no repeat within {offer.Contact.NoRepeatDays} days");
            }
        }

        if (offer.Budget is { } budget)
        {
            var used = request.BudgetUsed?.GetValueOrDefault(offer.Id!) ?? default;
            if (budget.MaxRedemptions is { } maxRedemptions && used.Redemptions >= maxRedemptions)
            {
                return (OfferVerdict.BudgetExhausted, $"{used.Redemptions} of {maxRedemptions} redemptions used");
            }

            // Refuse an acceptance that would overspend, not only a budget already gone.
            if (budget.MaxSpend is { } maxSpend && used.Spend + money.CostIfAccepted(offer.Cost) > maxSpend)
            {
                return (OfferVerdict.BudgetExhausted, $"{used.Spend:0.##} of {maxSpend:0.##} spent");
            }
        }

        return null;
    }
}
