namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Orders a request's <see cref="RankerCandidates"/> by a learned model and explains each result: the reason is the
/// generator whose features, set to "absent", lower the product's score most (one re-score per generator and
/// returned product, so the cost grows with the count asked, not with the candidates). No category cap: the model
/// was trained on (and measured with) the uncapped order.
/// </summary>
public static class LearnedRanking
{
    private static readonly RecommendationReason[] s_reasons =
        [RecommendationReason.BuyAgain, RecommendationReason.BoughtTogether, RecommendationReason.ViewedTogether, RecommendationReason.CategoryAffinity, RecommendationReason.Trending];

    [ThreadStatic]
    private static double[]? s_keys;

    [ThreadStatic]
    private static int[]? s_order;

    /// <summary>Ranks into <paramref name="results"/> (cleared first): at most <c>request.Count</c> products, best first.</summary>
    public static void Rank(RecommendationRequest request, RankerCandidates candidates, IRankerModel model, List<Recommendation> results)
    {
        results.Clear();
        var n = candidates.Count;
        if (s_keys is null || s_keys.Length < n)
        {
            s_keys = new double[Math.Max(n, 256)];
            s_order = new int[s_keys.Length];
        }

        var keys = s_keys;
        var order = s_order!;
        for (var i = 0; i < n; i++)
        {
            keys[i] = -model.Score(candidates.Features(i));
            order[i] = i;
        }

        Array.Sort(keys, order, 0, n);
        for (var i = 1; i < n; i++)
        {
            // Equal scores by product id, so replicas agree.
            for (var j = i; j > 0 && keys[j] == keys[j - 1] && string.CompareOrdinal(candidates.Ids[order[j]], candidates.Ids[order[j - 1]]) < 0; j--)
            {
                (order[j], order[j - 1]) = (order[j - 1], order[j]);
                (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
            }
        }

        Span<float> probe = stackalloc float[RankerFeatures.Count];
        for (var i = 0; i < n && results.Count < request.Count; i++)
        {
            var index = order[i];
            var score = -keys[i];
            results.Add(new Recommendation(candidates.Ids[index], score, Reason(candidates, index, score, model, probe)));
        }
    }

    /// <summary>The generator whose removal costs the product most score; the blend's reason when none costs anything.</summary>
    internal static RecommendationReason Reason(RankerCandidates candidates, int index, double score, IRankerModel model, Span<float> probe)
    {
        var features = candidates.Features(index);
        var best = candidates.BlendReason(index);
        var bestDrop = 1e-9;
        foreach (var reason in s_reasons)
        {
            features.CopyTo(probe);
            var touched = false;
            for (var k = 0; k < RankerFeatures.Count; k++)
            {
                if (RankerFeatures.GroupOf(k) == reason && probe[k] != RankerFeatures.AbsentValue(k))
                {
                    probe[k] = RankerFeatures.AbsentValue(k);
                    touched = true;
                }
            }

            if (!touched)
            {
                continue;
            }

            var drop = score - model.Score(probe);
            if (drop > bestDrop)
            {
                (best, bestDrop) = (reason, drop);
            }
        }

        return best;
    }
}
