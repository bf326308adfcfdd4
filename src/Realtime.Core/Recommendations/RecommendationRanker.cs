using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Second half of a request: gathers candidates from the snapshot (neighbours of the context product and of the
/// customer's recent items, trending in their categories, buy-again, global trending), blends the signals with
/// <see cref="RecommendationOptions"/> weights, filters and diversifies. Pure and allocation-light: buffers are
/// reused per thread and there is no LINQ; a call allocates its result list, plus the similarities of a shared
/// neighbour list the first time it is ranked (<see cref="NeighbourSimilarities"/>).
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
            Select(request, signals, options, scratch, results);
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
                var similarities = NeighbourSimilarities.Of(bought, facts.BoughtMass, d, bought: true, signals, scratch);
                var entries = Entries(bought, out _);
                for (var i = 0; i < entries.Length; i++)
                {
                    scratch.Get(entries[i].ProductId).Bought += weight * similarities[i];
                }
            }

            if (signals.ViewedTogether.TryGetValue(seed, out var viewed))
            {
                var similarities = NeighbourSimilarities.Of(viewed, facts.ViewedMass, d, bought: false, signals, scratch);
                var entries = Entries(viewed, out _);
                for (var i = 0; i < entries.Length; i++)
                {
                    scratch.Get(entries[i].ProductId).Viewed += weight * similarities[i];
                }
            }
        }

        RecommendationPlanner.CollectCategories(request, state, options, nowMs, scratch.Categories);
        foreach (var (category, affinity) in scratch.Categories)
        {
            if (signals.TrendingByCategory.TryGetValue(category, out var list) && list.Count > 0 && list[0].Score > 0)
            {
                var entries = Entries(list, out var factor);
                var best = entries[0].Score * factor;
                foreach (var t in entries)
                {
                    scratch.Get(t.ProductId).Affinity += affinity * Math.Max(t.Score * factor, 0) / best;
                }
            }
        }

        if (signals.Trending.Count > 0 && signals.Trending[0].Score > 0)
        {
            var entries = Entries(signals.Trending, out var factor);
            var best = entries[0].Score * factor;
            foreach (var t in entries)
            {
                scratch.Get(t.ProductId).Trending = Math.Max(t.Score * factor, 0) / best;
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
                scratch.Get(p.ProductId).BuyAgain = strength;
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

    private static void Select(RecommendationRequest request, ItemSignalSnapshot signals, RecommendationOptions options, RankScratch scratch, List<Recommendation> results)
    {
        foreach (var id in request.Exclusions)
        {
            scratch.Excluded.Add(id);
        }

        // Best first from a heap: a request stops after a few dozen candidates, so sorting all ~500 would be waste.
        scratch.BuildHeap();
        while (results.Count < request.Count && scratch.TryPopBest(out var slot))
        {
            ref var c = ref scratch.Items[slot];
            if (c.Score <= 0 || c.Id == request.ContextProductId || scratch.Excluded.Contains(c.Id)
                || (c.AlreadyBought && c.BuyAgain <= 0))
            {
                continue;
            }

            var facts = signals.FactsOf(c.Id);
            if (!facts.InStock)
            {
                continue;
            }

            if (options.MaxPerCategory > 0 && facts.Category is { } category)
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

    /// <summary>
    /// A list's entries without an enumerator: a <see cref="ScaledScores"/> view's stored array and its factor (each
    /// score is <c>Score * factor</c>, exactly what its indexer returns), an array or list as is (factor 1).
    /// </summary>
    private static ReadOnlySpan<ScoredItem> Entries(IReadOnlyList<ScoredItem> list, out double factor)
    {
        factor = 1;
        switch (list)
        {
            case ScaledScores scaled:
                factor = scaled.Factor;
                return scaled.Stored;
            case ScoredItem[] array:
                return array;
            case List<ScoredItem> items:
                return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items);
            default:
                var copy = new ScoredItem[list.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = list[i];
                }

                return copy;
        }
    }
}
