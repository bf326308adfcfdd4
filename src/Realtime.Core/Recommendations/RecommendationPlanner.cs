using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// First half of a request: from the customer's state (or none, for an anonymous visitor) decide what to read
/// from the item store. The ranker derives the same seeds again, so the two cannot disagree.
/// </summary>
public static class RecommendationPlanner
{
    /// <summary>The batch read for one request.</summary>
    public static ItemSignalQuery Plan(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs)
    {
        var query = new ItemSignalQuery
        {
            NowMs = nowMs,
            NeighbourCount = options.NeighbourCount,
            TrendingCount = options.TrendingCount,
            CategoryTrendingCount = options.CategoryTrendingCount,
        };

        var seeds = new List<(string Id, double Weight)>();
        CollectSeeds(request, state, options, nowMs, seeds);
        foreach (var (id, _) in seeds)
        {
            query.Seeds.Add(id);
        }

        var categories = new List<(string Category, double Weight)>();
        CollectCategories(request, state, options, nowMs, categories);
        foreach (var (category, _) in categories)
        {
            query.Categories.Add(category);
        }

        if (state is not null)
        {
            foreach (var p in state.Purchased)
            {
                query.FactsFor.Add(p.ProductId);
            }
        }

        return query;
    }

    /// <summary>Seeds with weights: the context product, then the freshest recent items and purchases.</summary>
    internal static void CollectSeeds(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs, List<(string Id, double Weight)> seeds)
    {
        if (!string.IsNullOrEmpty(request.ContextProductId))
        {
            seeds.Add((request.ContextProductId, options.ContextSeedWeight));
        }

        if (state is null)
        {
            return;
        }

        // Merge the two newest-first lists by time, so a fresh view outranks an old purchase and vice versa.
        int r = 0, p = 0, taken = 0;
        var recent = state.RecentItems;
        var bought = state.Purchased;
        while (taken < options.HistorySeeds && (r < recent.Count || p < bought.Count))
        {
            var useRecent = p >= bought.Count || (r < recent.Count && recent[r].AtMs >= bought[p].LastMs);
            var (id, at) = useRecent ? (recent[r].ProductId, recent[r].AtMs) : (bought[p].ProductId, bought[p].LastMs);
            _ = useRecent ? r++ : p++;
            if (IndexOf(seeds, id) >= 0)
            {
                continue;
            }

            seeds.Add((id, Decay.Factor(at, nowMs, options.SeedHalfLifeDays)));
            taken++;
        }
    }

    /// <summary>Categories with affinity weights: the page's category (weight 1), then the customer's strongest, normalised.</summary>
    internal static void CollectCategories(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs, List<(string Category, double Weight)> categories)
    {
        if (!string.IsNullOrEmpty(request.ContextCategory))
        {
            categories.Add((request.ContextCategory, 1));
        }

        if (state is null || options.AffinityCategories == 0 || state.Categories.Count == 0)
        {
            return;
        }

        double total = 0;
        foreach (var c in state.Categories)
        {
            total += Decay.ScoreAt(c, nowMs);
        }

        // Pick the top few by decayed score without sorting the state's list (it must not change).
        for (var k = 0; k < options.AffinityCategories && total > 0; k++)
        {
            string? pick = null;
            double pickScore = -1;
            foreach (var c in state.Categories)
            {
                var s = Decay.ScoreAt(c, nowMs);
                if (s > pickScore && IndexOf(categories, c.Category) < 0)
                {
                    pick = c.Category;
                    pickScore = s;
                }
            }

            if (pick is null)
            {
                break;
            }

            categories.Add((pick, pickScore / total));
        }
    }

    internal static int IndexOf(List<(string Key, double Weight)> list, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
