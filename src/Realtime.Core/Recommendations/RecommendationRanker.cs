using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Second half of a request: gathers candidates from the snapshot (neighbours of the context product and of the
/// customer's recent items, trending in their categories, buy-again, global trending), blends the signals with
/// <see cref="RecommendationOptions"/> weights, filters and diversifies. Pure and allocation-light: buffers are
/// reused per thread, there is no LINQ, and the only allocation is the result list.
/// </summary>
public static class RecommendationRanker
{
    [ThreadStatic]
    private static RankScratch? s_scratch;

    /// <summary>Ranks and returns at most <c>request.Count</c> products, best first.</summary>
    public static List<Recommendation> Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot signals, RecommendationOptions options, long nowMs)
    {
        var results = new List<Recommendation>(request.Count);
        Rank(request, state, signals, options, nowMs, results);
        return results;
    }

    /// <summary>Ranks into <paramref name="results"/> (cleared first).</summary>
    /// <exception cref="ArgumentException">The request is invalid (validate at the edge with <see cref="RecommendationRequest.Problem"/>).</exception>
    public static void Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot signals, RecommendationOptions options, long nowMs, List<Recommendation> results)
    {
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        results.Clear();
        var scratch = s_scratch ??= new RankScratch();
        scratch.Reset();
        try
        {
            Gather(request, state, signals, options, nowMs, scratch);
            Blend(options, scratch);
            Select(request, options, scratch, results);
        }
        finally
        {
            // Drop string references so a pooled thread does not keep a request's ids alive.
            scratch.Reset();
        }
    }

    internal static void Gather(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot signals, RecommendationOptions options, long nowMs, RankScratch scratch)
    {
        var d = options.PopularityDamping;
        RecommendationPlanner.CollectSeeds(request, state, options, nowMs, scratch.Seeds);
        foreach (var (seed, weight) in scratch.Seeds)
        {
            var facts = signals.FactsOf(seed);
            if (signals.BoughtTogether.TryGetValue(seed, out var bought))
            {
                var seedNorm = Power(facts.BoughtMass, 1 - d);
                foreach (var n in bought)
                {
                    ref var c = ref scratch.Get(n.ProductId, signals);
                    if (double.IsNaN(c.BoughtNorm))
                    {
                        c.BoughtNorm = Power(c.BoughtMass, d);
                    }

                    c.Bought += weight * Similarity(n.Score, seedNorm, c.BoughtNorm);
                }
            }

            if (signals.ViewedTogether.TryGetValue(seed, out var viewed))
            {
                var seedNorm = Power(facts.ViewedMass, 1 - d);
                foreach (var n in viewed)
                {
                    ref var c = ref scratch.Get(n.ProductId, signals);
                    if (double.IsNaN(c.ViewedNorm))
                    {
                        c.ViewedNorm = Power(c.ViewedMass, d);
                    }

                    c.Viewed += weight * Similarity(n.Score, seedNorm, c.ViewedNorm);
                }
            }
        }

        RecommendationPlanner.CollectCategories(request, state, options, nowMs, scratch.Categories);
        foreach (var (category, affinity) in scratch.Categories)
        {
            if (signals.TrendingByCategory.TryGetValue(category, out var list) && list.Count > 0 && list[0].Score > 0)
            {
                var best = list[0].Score;
                foreach (var t in list)
                {
                    scratch.Get(t.ProductId, signals).Affinity += affinity * Math.Max(t.Score, 0) / best;
                }
            }
        }

        if (signals.Trending.Count > 0 && signals.Trending[0].Score > 0)
        {
            var best = signals.Trending[0].Score;
            foreach (var t in signals.Trending)
            {
                scratch.Get(t.ProductId, signals).Trending = Math.Max(t.Score, 0) / best;
            }
        }

        if (state is null)
        {
            return;
        }

        foreach (var p in state.Purchased)
        {
            var strength = BuyAgain.Score(p, signals.FactsOf(p.ProductId), options, nowMs);
            if (strength > 0)
            {
                scratch.Get(p.ProductId, signals).BuyAgain = strength;
            }

            if (scratch.TryGet(p.ProductId, out var slot))
            {
                scratch.Items[slot].AlreadyBought = true;
            }
        }
    }

    internal static void Blend(RecommendationOptions options, RankScratch scratch)
    {
        var items = scratch.Items;
        double maxBought = 0, maxViewed = 0, maxAffinity = 0, maxBuyAgain = 0;
        for (var i = 0; i < scratch.Count; i++)
        {
            maxBought = Math.Max(maxBought, items[i].Bought);
            maxViewed = Math.Max(maxViewed, items[i].Viewed);
            maxAffinity = Math.Max(maxAffinity, items[i].Affinity);
            maxBuyAgain = Math.Max(maxBuyAgain, items[i].BuyAgain);
        }

        // Each signal is scaled to 0–1 by its best candidate, so the weights compare like with like.
        var wBought = maxBought > 0 ? options.BoughtTogetherWeight / maxBought : 0;
        var wViewed = maxViewed > 0 ? options.ViewedTogetherWeight / maxViewed : 0;
        var wAffinity = maxAffinity > 0 ? options.CategoryAffinityWeight / maxAffinity : 0;
        var wBuyAgain = maxBuyAgain > 0 ? options.BuyAgainWeight / maxBuyAgain : 0;
        for (var i = 0; i < scratch.Count; i++)
        {
            ref var c = ref items[i];
            var best = c.Trending * options.TrendingWeight;
            c.Reason = RecommendationReason.Trending;
            c.Score = best;
            Contribute(ref c, c.Bought * wBought, RecommendationReason.BoughtTogether, ref best);
            Contribute(ref c, c.Viewed * wViewed, RecommendationReason.ViewedTogether, ref best);
            Contribute(ref c, c.Affinity * wAffinity, RecommendationReason.CategoryAffinity, ref best);
            Contribute(ref c, c.BuyAgain * wBuyAgain, RecommendationReason.BuyAgain, ref best);
        }
    }

    private static void Contribute(ref Candidate c, double value, RecommendationReason reason, ref double best)
    {
        c.Score += value;
        if (value > best)
        {
            best = value;
            c.Reason = reason;
        }
    }

    private static void Select(RecommendationRequest request, RecommendationOptions options, RankScratch scratch, List<Recommendation> results)
    {
        foreach (var id in request.Exclusions)
        {
            scratch.Excluded.Add(id);
        }

        scratch.SortByScore();
        for (var i = 0; i < scratch.Count && results.Count < request.Count; i++)
        {
            ref var c = ref scratch.Items[scratch.Order[i]];
            if (c.Score <= 0 || !c.InStock || c.Id == request.ContextProductId || scratch.Excluded.Contains(c.Id)
                || (c.AlreadyBought && c.BuyAgain <= 0))
            {
                continue;
            }

            if (options.MaxPerCategory > 0 && c.Category is { } category)
            {
                var used = scratch.PerCategory.GetValueOrDefault(category);
                if (used >= options.MaxPerCategory)
                {
                    continue;
                }

                scratch.PerCategory[category] = used + 1;
            }

            results.Add(new Recommendation(c.Id, c.Score, c.Reason));
        }
    }

    private static double Similarity(double co, double seedNorm, double candidateNorm) =>
        co <= 0 ? 0 : co / (seedNorm * candidateNorm);

    /// <summary>x^p for the normalisers, with the common exponents computed cheaply and empty masses treated as 1.</summary>
    private static double Power(double x, double p) =>
        x <= 1e-12 ? 1 : p == 0 ? 1 : p == 0.5 ? Math.Sqrt(x) : p == 1 ? x : Math.Pow(x, p);
}
