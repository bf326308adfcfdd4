using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Offer learning for one ingest batch. <see cref="OfferLearning.ForEvent"/> needs each event's state from just
/// before it, but a batch only carries the state before the batch (<see cref="Ingest.BatchResult.Before"/>): when a
/// customer has several events in one batch (shown, then ordered), this replays the customer's applied events through
/// <see cref="CustomerFold"/> on a copy of that state, so every event sees its exact pre-event state, as if the batch
/// had held one event. Only customers whose state write was accepted count, and only those with an offer event or an
/// order are replayed.
/// </summary>
public static class OfferBatchLearning
{
    /// <summary>Customers of the batch whose learning reads their holdout exposure (written customers with an order).</summary>
    public static IReadOnlyCollection<string> CustomersWithOrders(BatchEffectContext context)
    {
        var written = WrittenIds(context);
        return context.Result.AppliedEvents
            .Where(r => r.Event.Type == EventType.OrderPlaced && written.Contains(r.Event.CustomerId))
            .Select(r => r.Event.CustomerId)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The increments the batch teaches, summed per counter and per offer.</summary>
    public static OfferBatchIncrements Collect(
        BatchEffectContext context,
        OfferCatalogSnapshot snapshot,
        LifecycleOptions options,
        RfmHistograms histograms,
        IReadOnlyDictionary<string, HoldoutExposure> exposures)
    {
        var written = WrittenIds(context);
        var byCustomer = new Dictionary<string, List<CustomerEvent>>(StringComparer.Ordinal);
        foreach (var record in context.Result.AppliedEvents)
        {
            var e = record.Event;
            if (written.Contains(e.CustomerId))
            {
                if (!byCustomer.TryGetValue(e.CustomerId, out var list))
                {
                    byCustomer[e.CustomerId] = list = [];
                }

                list.Add(e);
            }
        }

        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        var budget = new Dictionary<string, BudgetIncrement>(StringComparer.Ordinal);
        foreach (var (customerId, events) in byCustomer)
        {
            if (!events.Any(Teaches))
            {
                continue;
            }

            var state = context.Result.Before.GetValueOrDefault(customerId) is { } before
                ? before.Clone()
                : new CustomerState(customerId);
            HoldoutExposure? exposure = exposures.TryGetValue(customerId, out var x) ? x : null;
            foreach (var e in events)
            {
                if (Teaches(e))
                {
                    Learn(e, state, exposure, snapshot, options, histograms, stats, budget);
                }

                CustomerFold.TryApply(state, e);
            }
        }

        return new OfferBatchIncrements(
            stats.Where(kv => kv.Value != 0).Select(kv => new StatIncrement(kv.Key, kv.Value)).ToList(),
            budget.Values.ToList());
    }

    private static void Learn(
        CustomerEvent e, CustomerState before, HoldoutExposure? exposure, OfferCatalogSnapshot snapshot, LifecycleOptions options,
        RfmHistograms histograms, Dictionary<string, long> stats, Dictionary<string, BudgetIncrement> budget)
    {
        var segments = OfferSegments.For(before, e.OccurredAt, options, histograms, churnScore: null);
        foreach (var (field, delta) in snapshot.Learning.ForEvent(e, before, segments, exposure))
        {
            stats[field] = stats.GetValueOrDefault(field) + delta;

            // A counted redemption (once per contact) also draws on the offer's budget, priced on the pre-event state.
            if (field.StartsWith(RedeemedPrefix(e.OfferId!), StringComparison.Ordinal) && snapshot.Catalog.Find(e.OfferId!) is { } offer)
            {
                var request = new OfferRequest { Customer = before, Segments = segments, Channel = e.Channel ?? string.Empty, Now = e.OccurredAt };
                var cost = OfferEconomics.For(request, snapshot.Catalog.Policy).CostIfAccepted(offer.Cost);
                var used = budget.GetValueOrDefault(offer.Id!, new BudgetIncrement(offer.Id!, 0, 0));
                budget[offer.Id!] = used with { Redemptions = used.Redemptions + 1, Spend = used.Spend + cost };
            }
        }
    }

    private static string RedeemedPrefix(string offerId) => OfferStats.RedeemedField(offerId, string.Empty);

    private static bool Teaches(CustomerEvent e) =>
        e.Type == EventType.OrderPlaced
        || (e.Type is EventType.OfferShown or EventType.OfferRedeemed && !string.IsNullOrEmpty(e.OfferId));

    private static HashSet<string> WrittenIds(BatchEffectContext context) =>
        context.Written.Select(s => s.CustomerId).ToHashSet(StringComparer.Ordinal);
}
