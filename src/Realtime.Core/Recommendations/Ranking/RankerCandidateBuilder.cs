using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Candidates and features for the learned ranker. Candidates: every product the customer bought (repeat, the
/// <see cref="RepeatCandidates"/> most frequent by decayed frequency) plus the engine's generators — neighbours of the
/// context and history seeds by kind, trending in the customer's categories, global trending — ranked by the
/// hand-tuned blend (explore, the best <see cref="ExploreCandidates"/> the customer never bought). The generators
/// are <see cref="RecommendationRanker"/>'s own (same seeds, same normalisation), so the blend score is a feature too.
/// Pure: every value comes from the request, the customer's state and profile, and the snapshot read at <c>nowMs</c>.
/// </summary>
public static class RankerCandidateBuilder
{
    /// <summary>Products the customer bought that are considered (by decayed frequency).</summary>
    public const int RepeatCandidates = 60;

    /// <summary>Products the customer never bought that are considered (by blend score).</summary>
    public const int ExploreCandidates = 60;

    [ThreadStatic]
    private static RankScratch? s_scratch;

    [ThreadStatic]
    private static List<(double Key, string Id)>? s_order;

    /// <summary>Fills <paramref name="into"/> (cleared first) with the eligible candidates and their features.</summary>
    public static void Build(
        RecommendationRequest request, CustomerState? state, PurchaseProfile profile, ItemSignalSnapshot signals,
        RecommendationOptions options, long nowMs, RankerCandidates into)
    {
        into.Clear();
        var scratch = s_scratch ??= new RankScratch();
        var order = s_order ??= [];
        scratch.Reset();
        try
        {
            RecommendationRanker.Gather(request, state, signals, options, nowMs, scratch);
            RecommendationRanker.Blend(options, scratch);
            foreach (var id in request.Exclusions)
            {
                scratch.Excluded.Add(id);
            }

            var context = new CustomerContext(profile, signals, scratch, nowMs);
            AddRepeats(request, profile, signals, scratch, order, context, options, nowMs, into);
            AddExplore(request, profile, scratch, context, into);
        }
        finally
        {
            scratch.Reset();
            order.Clear();
        }
    }

    private static void AddRepeats(
        RecommendationRequest request, PurchaseProfile profile, ItemSignalSnapshot signals, RankScratch scratch,
        List<(double Key, string Id)> order, CustomerContext context, RecommendationOptions options, long nowMs, RankerCandidates into)
    {
        order.Clear();
        foreach (var (id, item) in profile.Items)
        {
            order.Add((-profile.DecayedFrequency(item), id));
        }

        // Most frequent first; ties by id so replicas agree.
        order.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Id, b.Id));
        var rank = 0;
        foreach (var (_, id) in order)
        {
            rank++;
            if (into.Count >= RepeatCandidates)
            {
                break;
            }

            ref var c = ref scratch.Get(id);
            var facts = signals.FactsOf(id);
            if (!Eligible(request, scratch, c, facts))
            {
                continue;
            }

            var item = profile.Items[id];
            var buyAgain = BuyAgain.Score(new PurchasedItem(id, item.Category, item.Orders, item.FirstMs, item.LastMs), facts, options, nowMs);
            var features = into.Add(id, RecommendationReason.BuyAgain, explore: false);
            Fill(features, c, facts, context);
            var days = Math.Max(0, TimeUnits.DaysBetween(item.LastMs, nowMs));
            features[RankerFeatures.Orders] = item.Orders;
            features[RankerFeatures.OrderShare] = profile.Baskets > 0 ? (float)item.Orders / profile.Baskets : 0;
            features[RankerFeatures.DaysSinceBought] = (float)days;
            if (item.Orders >= 2)
            {
                var gap = Math.Max(TimeUnits.DaysBetween(item.FirstMs, item.LastMs) / (item.Orders - 1), 0.5);
                features[RankerFeatures.OwnGapDays] = (float)gap;
                features[RankerFeatures.DueRatio] = (float)(days / gap);
            }

            features[RankerFeatures.DecayedFrequency] = (float)profile.DecayedFrequency(item);
            features[RankerFeatures.BuyAgain] = (float)buyAgain;
            features[RankerFeatures.FrequencyRank] = rank;
        }
    }

    private static void AddExplore(RecommendationRequest request, PurchaseProfile profile, RankScratch scratch, CustomerContext context, RankerCandidates into)
    {
        // Best blend score first (ties by id), from the scratch's heap: ~60 pops instead of sorting all ~500
        // gathered; judged while taking, so only the products walked past have their facts read.
        scratch.BuildHeap();
        var taken = 0;
        while (taken < ExploreCandidates && scratch.TryPopBest(out var slot))
        {
            ref var c = ref scratch.Items[slot];
            if (c.Score <= 0)
            {
                break; // the rest score no higher
            }

            if (profile.Items.ContainsKey(c.Id))
            {
                continue;
            }

            var facts = context.Signals.FactsOf(c.Id);
            if (!Eligible(request, scratch, c, facts))
            {
                continue;
            }

            taken++;
            var features = into.Add(c.Id, c.Reason, explore: true);
            Fill(features, c, facts, context);
        }
    }

    private static bool Eligible(RecommendationRequest request, RankScratch scratch, in Candidate c, in ItemFacts facts) =>
        facts.InStock && c.Id != request.ContextProductId && !scratch.Excluded.Contains(c.Id);

    /// <summary>The features every candidate has; the personal ones start absent and repeats overwrite them.</summary>
    private static void Fill(Span<float> f, in Candidate c, in ItemFacts facts, CustomerContext context)
    {
        for (var k = 0; k < RankerFeatures.Count; k++)
        {
            f[k] = RankerFeatures.AbsentValue(k);
        }

        f[RankerFeatures.BoughtTogether] = Normalised(c.Bought, context.MaxBought);
        f[RankerFeatures.ViewedTogether] = Normalised(c.Viewed, context.MaxViewed);
        f[RankerFeatures.CategoryAffinity] = Normalised(c.Affinity, context.MaxAffinity);
        f[RankerFeatures.Trending] = (float)c.Trending;
        f[RankerFeatures.Popularity] = (float)Math.Log(1 + facts.Popularity);
        f[RankerFeatures.RepeatRate] = (float)facts.RepeatRate;
        f[RankerFeatures.PriceRatio] = facts.Price > 0 && context.MeanPrice > 0 ? (float)(facts.Price / context.MeanPrice) : RankerFeatures.Undefined;
        f[RankerFeatures.Purchases] = (float)Math.Log(1 + facts.Purchases);
        f[RankerFeatures.CustomerBaskets] = context.Profile.Baskets;
        f[RankerFeatures.DaysSinceLastOrder] = context.DaysSinceLastOrder;
        f[RankerFeatures.MeanBasketSize] = context.MeanBasketSize;
        f[RankerFeatures.NoveltyRate] = context.NoveltyRate;
        f[RankerFeatures.BlendScore] = (float)c.Score;
        f[RankerFeatures.CategoryShare] = facts.Category is { } category ? context.CategoryShare(category) : 0;
    }

    private static float Normalised(double value, double max) => max > 0 ? (float)(value / max) : 0;
}
