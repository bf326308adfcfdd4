using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Turns offer outcomes into <see cref="StatIncrement"/>s. Pure: the ingest path calls <see cref="ForEvent"/> with the
/// state as it was BEFORE folding the event (so "already shown / already redeemed / ordered since" can be told apart),
/// and the decision path calls <see cref="ForDecision"/> for holdout exposures.
/// <para>Units are exposures: the first show of an offer to a customer within the attribution window. A redemption
/// counts once, when an unredeemed contact of the offer turns redeemed (an <c>offer_redeemed</c> event or an order
/// carrying the offer id, whichever comes first). A conversion is the first order within the attribution window after
/// an exposure, redeemed or not, treated and holdout alike, so the two rates compare like with like.</para>
/// </summary>
public sealed class OfferLearning(OfferCatalog catalog)
{
    private readonly double _windowDays = catalog.Policy.AttributionDays;

    /// <summary>Increments for one event of a customer with <paramref name="segments"/> (evaluated on <paramref name="before"/>).</summary>
    /// <param name="e">The event about to be folded.</param>
    /// <param name="before">The customer's state before folding <paramref name="e"/>.</param>
    /// <param name="segments">The customer's segments before the event.</param>
    /// <param name="holdout">The customer's last holdout exposure, if any (only read for orders).</param>
    public IReadOnlyList<StatIncrement> ForEvent(
        CustomerEvent e, CustomerState before, IReadOnlySet<Segment> segments, HoldoutExposure? holdout)
    {
        var at = TimeUnits.ToMs(e.OccurredAt);
        var increments = new List<StatIncrement>(3);
        switch (e.Type)
        {
            case EventType.OfferShown when !string.IsNullOrEmpty(e.OfferId):
                if (!before.RecentOffers.Any(o => o.OfferId == e.OfferId && Within(o.AtMs, at)))
                {
                    increments.Add(new(OfferStats.ShownField(e.OfferId, KeyFor(e.OfferId, segments)), 1));
                    increments.Add(new(OfferStats.TreatedField(e.OfferId), 1));
                }

                break;
            case EventType.OfferRedeemed when !string.IsNullOrEmpty(e.OfferId):
                AddRedemption(e.OfferId, before, segments, increments);
                break;
            case EventType.OrderPlaced:
                if (!string.IsNullOrEmpty(e.OfferId))
                {
                    AddRedemption(e.OfferId, before, segments, increments);
                }

                AddConversions(before, at, holdout, increments);
                break;
            default:
                break;
        }

        return increments;
    }

    /// <summary>
    /// Increments for a decision: a holdout customer's withheld offer counts as a holdout exposure, once per attribution
    /// window. When <paramref name="exposure"/> comes back non-null the host stores it as the customer's new
    /// <see cref="HoldoutExposure"/>.
    /// </summary>
    public IReadOnlyList<StatIncrement> ForDecision(OfferDecision decision, HoldoutExposure? previous, out HoldoutExposure? exposure)
    {
        exposure = null;
        if (!decision.Holdout || decision.WouldHaveOfferId == OfferDecision.NoneId)
        {
            return [];
        }

        if (previous is { } p && p.OfferId == decision.WouldHaveOfferId && Within(TimeUnits.ToMs(p.At), TimeUnits.ToMs(decision.DecidedAt)))
        {
            return [];
        }

        exposure = new HoldoutExposure(decision.WouldHaveOfferId, decision.DecidedAt);
        return [new(OfferStats.HoldoutField(decision.WouldHaveOfferId), 1)];
    }

    private void AddRedemption(string offerId, CustomerState before, IReadOnlySet<Segment> segments, List<StatIncrement> increments)
    {
        // Only a contact the engine made can teach the bandit; a code typed from elsewhere (or a second report of the
        // same redemption) finds no unredeemed contact and counts nothing.
        if (before.RecentOffers.Any(o => o.OfferId == offerId && !o.Redeemed))
        {
            increments.Add(new(OfferStats.RedeemedField(offerId, KeyFor(offerId, segments)), 1));
        }
    }

    private void AddConversions(CustomerState before, long at, HoldoutExposure? holdout, List<StatIncrement> increments)
    {
        // Last touch: the newest contact within the window, if no order came between it and this one.
        foreach (var contact in before.RecentOffers)
        {
            if (contact.AtMs <= at && Within(contact.AtMs, at))
            {
                if (contact.AtMs > before.LastOrderMs)
                {
                    increments.Add(new(OfferStats.TreatedConvertedField(contact.OfferId), 1));
                }

                break;
            }
        }

        if (holdout is { } h)
        {
            var exposedAt = TimeUnits.ToMs(h.At);
            if (exposedAt <= at && Within(exposedAt, at) && exposedAt > before.LastOrderMs)
            {
                increments.Add(new(OfferStats.HoldoutConvertedField(h.OfferId), 1));
            }
        }
    }

    private bool Within(long fromMs, long toMs) => Math.Abs(TimeUnits.DaysBetween(fromMs, toMs)) < _windowDays;

    private string KeyFor(string offerId, IReadOnlySet<Segment> segments) =>
        OfferSegmentKeys.For(catalog.Find(offerId) ?? new OfferDefinition { Id = offerId }, segments);
}
