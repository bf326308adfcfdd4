using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Offer learning for one ingest batch. <see cref="OfferLearning.ForEvent"/> needs each event's state from just
/// before it: the batch's steps (<see cref="Ingest.BatchResult.Steps"/>) carry it, so a customer with several events in
/// one batch (shown, then ordered) is taught as if the batch had held one event, without folding the batch again.
/// Segments come from the one evaluator (<see cref="LifecycleEvaluator"/>) at the event's time, with the churn score of
/// the model serving then, exactly as a decision at that instant would key them. Only customers whose state write was
/// accepted count.
/// </summary>
public static class OfferBatchLearning
{
    /// <summary>Customers of the batch whose learning reads their holdout exposure (written customers with an order).</summary>
    public static IReadOnlyCollection<string> CustomersWithOrders(BatchEffectContext context)
    {
        var written = context.WrittenIds;
        return context.Result.Steps
            .Where(s => s.Record.Event.Type == EventType.OrderPlaced && written.Contains(s.CustomerId))
            .Select(s => s.CustomerId)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The increments the batch teaches, summed per counter and per offer.</summary>
    public static OfferBatchIncrements Collect(
        BatchEffectContext context,
        OfferCatalogSnapshot snapshot,
        LifecycleEvaluator evaluator,
        IReadOnlyDictionary<string, HoldoutExposure> exposures)
    {
        var written = context.WrittenIds;
        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        var budget = new Dictionary<string, BudgetIncrement>(StringComparer.Ordinal);
        foreach (var step in context.Result.Steps)
        {
            var e = step.Record.Event;
            if (Teaches(e) && written.Contains(step.CustomerId))
            {
                HoldoutExposure? exposure = exposures.TryGetValue(step.CustomerId, out var x) ? x : null;
                Learn(e, step.Before, exposure, snapshot, evaluator, stats, budget);
            }
        }

        return new OfferBatchIncrements(
            stats.Where(kv => kv.Value != 0).Select(kv => new StatIncrement(kv.Key, kv.Value)).ToList(),
            budget.Values.ToList());
    }

    private static void Learn(
        CustomerEvent e, CustomerState before, HoldoutExposure? exposure, OfferCatalogSnapshot snapshot, LifecycleEvaluator evaluator,
        Dictionary<string, long> stats, Dictionary<string, BudgetIncrement> budget)
    {
        var segments = evaluator.Evaluate(before, e.OccurredAt).Segments.ToList().ToHashSet();
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
}
