namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Orders a request's <see cref="RankerCandidates"/> by a learned model and explains each result: the reason is the
/// generator whose features, set to "absent", lower the product's score most (one re-score per generator and
/// returned product, so the cost grows with the count asked, not with the candidates). No category cap: the model
/// was trained on (and measured with) the uncapped order. Optionally a mixed slate: of the first
/// <see cref="SlateLength"/> positions, at least <c>explorePositions</c> go to explore candidates (products the
/// customer never bought), the best of them by the same model score; they take the last positions of the slate the
/// model did not already give to an explore candidate, so the model's own top stays where it was.
/// </summary>
public static class LearnedRanking
{
    private static readonly RecommendationReason[] s_reasons =
        [RecommendationReason.BuyAgain, RecommendationReason.BoughtTogether, RecommendationReason.ViewedTogether, RecommendationReason.CategoryAffinity, RecommendationReason.Trending];

    [ThreadStatic]
    private static double[]? s_keys;

    [ThreadStatic]
    private static int[]? s_order;

    [ThreadStatic]
    private static bool[]? s_taken;

    /// <summary>The positions the explore reservation applies to (the top-10 the targets are measured on).</summary>
    public const int SlateLength = 10;

    /// <summary>Ranks into <paramref name="results"/> (cleared first): at most <c>request.Count</c> products, best first.</summary>
    /// <param name="request">The request (count).</param>
    /// <param name="candidates">Its candidates and features.</param>
    /// <param name="model">The model scoring them.</param>
    /// <param name="results">The list filled.</param>
    /// <param name="explorePositions">
    /// Of the first <see cref="SlateLength"/> positions (or <c>request.Count</c> if fewer), at least this many are
    /// explore candidates while there are any; 0 = the model's order alone.
    /// </param>
    public static void Rank(RecommendationRequest request, RankerCandidates candidates, IRankerModel model, List<Recommendation> results, int explorePositions = 0)
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
        if (explorePositions <= 0 || candidates.ExploreCount == 0)
        {
            for (var i = 0; i < n && results.Count < request.Count; i++)
            {
                var index = order[i];
                var score = -keys[i];
                results.Add(new Recommendation(candidates.Ids[index], score, Reason(candidates, index, score, model, probe)));
            }

            return;
        }

        Slate(request.Count, candidates, explorePositions, model, results, keys, order, n, probe);
    }

    /// <summary>
    /// The mixed slate: walks the model's order, but once the slate's remaining positions are only as many as the
    /// explore candidates still owed, takes the next explore candidate instead; after the slate, the model's order.
    /// </summary>
    private static void Slate(
        int count, RankerCandidates candidates, int explorePositions, IRankerModel model, List<Recommendation> results,
        double[] keys, int[] order, int n, Span<float> probe)
    {
        if (s_taken is null || s_taken.Length < n)
        {
            s_taken = new bool[Math.Max(n, 256)];
        }

        var taken = s_taken;
        Array.Clear(taken, 0, n);
        var slate = Math.Min(count, SlateLength);
        var owed = Math.Min(Math.Min(explorePositions, slate), candidates.ExploreCount);
        var (next, nextExplore) = (0, 0);
        while (results.Count < count)
        {
            int at;
            if (results.Count < slate && owed >= slate - results.Count)
            {
                while (!candidates.IsExplore(order[nextExplore]) || taken[nextExplore])
                {
                    nextExplore++;
                }

                at = nextExplore;
            }
            else
            {
                while (next < n && taken[next])
                {
                    next++;
                }

                if (next == n)
                {
                    return;
                }

                at = next;
            }

            taken[at] = true;
            var index = order[at];
            if (results.Count < slate && candidates.IsExplore(index))
            {
                owed--;
            }

            var score = -keys[at];
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
