namespace Realtime.Core.Offers;

/// <summary>
/// Next-best-offer decisions over a catalog: gate every offer (<see cref="OfferGate"/>), let an eligible override offer
/// set the sales offers aside, score the rest by expected net value (<see cref="OfferEconomics"/>) with an acceptance
/// probability from the Beta posterior (prior per offer×segment plus observed counts), pick the best, and answer
/// <see cref="OfferDecision.NoneId"/> when nothing beats the policy's threshold or the customer is held out.
/// Thread-safe: it holds only the immutable catalog.
/// </summary>
public sealed class OfferDecisionEngine
{
    /// <summary>Creates an engine for a validated catalog (holdout from the catalog's policy).</summary>
    public OfferDecisionEngine(OfferCatalog catalog)
    {
        Catalog = catalog;
        Holdout = HoldoutAssigner.For(catalog.Policy);
    }

    /// <summary>The catalog deciding.</summary>
    public OfferCatalog Catalog { get; }

    /// <summary>The holdout assignment in force.</summary>
    public HoldoutAssigner Holdout { get; }

    /// <summary>
    /// Decides with Thompson sampling: each offer's acceptance is one draw from its posterior, so uncertain offers get
    /// explored in proportion to their chance of being best. Pass a per-request or thread-local <see cref="Random"/>.
    /// </summary>
    public OfferDecision Decide(OfferRequest request, Random random) => Run(request, random);

    /// <summary>
    /// Decides with posterior means instead of draws: deterministic, for explanations, audits and tests. With
    /// <see cref="OfferRequest.Stats"/> null it is the fixed playbook (priors only, no learning).
    /// </summary>
    public OfferDecision Explain(OfferRequest request) => Run(request, random: null);

    private OfferDecision Run(OfferRequest request, Random? random)
    {
        var policy = Catalog.Policy;
        var money = OfferEconomics.For(request, policy);
        var gated = new List<OfferCandidate>();
        var passed = new List<(OfferDefinition Offer, int Order)>();
        for (var i = 0; i < Catalog.Offers.Count; i++)
        {
            var offer = Catalog.Offers[i];
            if (OfferGate.Check(offer, request, Catalog, money) is { } stop)
            {
                gated.Add(Candidate(offer, request, stop.Verdict, stop.Reason));
            }
            else
            {
                passed.Add((offer, i));
            }
        }

        var overriding = passed.Any(p => p.Offer.Override);
        var scored = new List<(OfferCandidate Candidate, int Priority, int Order)>();
        foreach (var (offer, order) in passed)
        {
            var verdict = overriding && !offer.Override ? OfferVerdict.Overridden : OfferVerdict.Outscored;
            scored.Add((Score(offer, request, money, random, verdict), offer.Priority, order));
        }

        // Best expected value first; ties go to the higher priority, then to the offer listed first.
        scored.Sort((x, y) =>
            y.Candidate.ExpectedValue!.Value.CompareTo(x.Candidate.ExpectedValue!.Value) is var byValue and not 0 ? byValue
            : y.Priority.CompareTo(x.Priority) is var byPriority and not 0 ? byPriority
            : x.Order.CompareTo(y.Order));

        OfferCandidate? best = null;
        var alternatives = new List<OfferCandidate>(Catalog.Offers.Count);
        foreach (var (candidate, _, _) in scored)
        {
            var final = candidate;
            if (candidate.Verdict != OfferVerdict.Overridden)
            {
                if (candidate.ExpectedValue <= policy.MinExpectedValue)
                {
                    final = candidate with { Verdict = OfferVerdict.NotWorthIt, Reason = $"{candidate.Reason}; not above {policy.MinExpectedValue}" };
                }
                else if (best is null)
                {
                    final = best = candidate with { Verdict = OfferVerdict.Chosen };
                }
            }

            alternatives.Add(final);
        }

        alternatives.AddRange(gated);
        var holdout = Holdout.IsHoldout(request.Customer.CustomerId);
        var wouldHave = best?.OfferId ?? OfferDecision.NoneId;
        var value = best?.ExpectedValue ?? 0;
        return new OfferDecision
        {
            CustomerId = request.Customer.CustomerId,
            OfferId = holdout ? OfferDecision.NoneId : wouldHave,
            Channel = request.Channel,
            ExpectedValue = holdout ? 0 : value,
            Holdout = holdout,
            WouldHaveOfferId = wouldHave,
            WouldHaveExpectedValue = value,
            SegmentKey = best?.SegmentKey ?? string.Empty,
            Reason = Explain(best, scored.Count, holdout, policy),
            Alternatives = alternatives,
            CatalogVersion = Catalog.Version,
            DecidedAt = request.Now,
        };
    }

    private static OfferCandidate Score(OfferDefinition offer, OfferRequest request, OfferEconomics money, Random? random, OfferVerdict verdict)
    {
        var key = OfferSegmentKeys.For(offer, request.Segments);
        var prior = offer.PriorFor(key);
        var seen = request.Stats?.Arm(offer.Id!, key) ?? default;
        var alpha = prior.A + seen.Redeemed;
        var beta = prior.B + Math.Max(0, seen.Shown - seen.Redeemed);
        var p = random is null ? alpha / (alpha + beta) : BetaSampler.Sample(alpha, beta, random);
        var value = money.ValueIfAccepted(offer.Value);
        var cost = money.CostIfAccepted(offer.Cost);
        var expected = OfferEconomics.ExpectedValue(p, value, cost, offer.Cost.ContactCost);
        var reason = verdict == OfferVerdict.Overridden
            ? "set aside: an override offer is eligible"
            : $"p={p:0.000} (prior {prior.Mean:0.000}, {seen.Redeemed}/{seen.Shown} observed in {key}) × (value {value:0.00} − cost {cost:0.00}) − contact {offer.Cost.ContactCost:0.00}";
        return Candidate(offer, request, verdict, reason) with
        {
            SegmentKey = key,
            AcceptProbability = p,
            ValueIfAccepted = value,
            CostIfAccepted = cost,
            ExpectedValue = expected,
        };
    }

    private static OfferCandidate Candidate(OfferDefinition offer, OfferRequest request, OfferVerdict verdict, string reason) => new()
    {
        OfferId = offer.Id!,
        Kind = offer.Kind,
        Verdict = verdict,
        Reason = reason,
        SegmentKey = OfferSegmentKeys.For(offer, request.Segments),
    };

    private static string Explain(OfferCandidate? best, int scored, bool holdout, OfferPolicy policy)
    {
        var why = best is null
            ? scored == 0 ? "no eligible offer" : $"nothing worth its cost (no expected value above {policy.MinExpectedValue})"
            : $"{best.OfferId}: best of {scored} eligible, expected value {best.ExpectedValue:0.00}";
        return holdout ? "holdout group; would have been " + why : why;
    }
}
