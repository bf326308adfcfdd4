using Realtime.Core.Recommendations;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Recommendations;

/// <summary>
/// The ranking rules written the plain way (dictionaries, LINQ, a full sort, a power per entry), as the optimised
/// <see cref="RecommendationRanker"/> must reproduce them: the yardstick of <see cref="RankerEquivalenceTests"/>.
/// </summary>
internal static class ReferenceRanker
{
    public static List<Recommendation> Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot signals, RecommendationOptions options, long nowMs)
    {
        var d = options.PopularityDamping;
        var candidates = new Dictionary<string, Entry>(StringComparer.Ordinal);
        Entry Get(string id) => candidates.TryGetValue(id, out var e) ? e : candidates[id] = new Entry(id, signals.FactsOf(id));

        var seeds = new List<(string Id, double Weight)>();
        RecommendationPlanner.CollectSeeds(request, state, options, nowMs, seeds);
        foreach (var (seed, weight) in seeds)
        {
            var facts = signals.FactsOf(seed);
            foreach (var n in signals.BoughtTogether.GetValueOrDefault(seed) ?? [])
            {
                var c = Get(n.ProductId);
                c.Bought += weight * Similarity(n.Score, Power(facts.BoughtMass, 1 - d), Power(c.Facts.BoughtMass, d));
            }

            foreach (var n in signals.ViewedTogether.GetValueOrDefault(seed) ?? [])
            {
                var c = Get(n.ProductId);
                c.Viewed += weight * Similarity(n.Score, Power(facts.ViewedMass, 1 - d), Power(c.Facts.ViewedMass, d));
            }
        }

        var categories = new List<(string Category, double Weight)>();
        RecommendationPlanner.CollectCategories(request, state, options, nowMs, categories);
        foreach (var (category, affinity) in categories)
        {
            var list = signals.TrendingByCategory.GetValueOrDefault(category) ?? [];
            if (list.Count > 0 && list[0].Score > 0)
            {
                var best = list[0].Score;
                foreach (var t in list)
                {
                    Get(t.ProductId).Affinity += affinity * Math.Max(t.Score, 0) / best;
                }
            }
        }

        if (signals.Trending.Count > 0 && signals.Trending[0].Score > 0)
        {
            var best = signals.Trending[0].Score;
            foreach (var t in signals.Trending)
            {
                Get(t.ProductId).Trending = Math.Max(t.Score, 0) / best;
            }
        }

        foreach (var p in state?.Purchased ?? [])
        {
            var strength = BuyAgain.Score(p, signals.FactsOf(p.ProductId), options, nowMs);
            if (strength > 0)
            {
                Get(p.ProductId).BuyAgain = strength;
            }

            if (candidates.TryGetValue(p.ProductId, out var bought))
            {
                bought.AlreadyBought = true;
            }
        }

        var all = candidates.Values.ToList();
        static double Scale(double weight, double max) => max > 0 ? weight / max : 0;
        var wBought = Scale(options.BoughtTogetherWeight, all.Max(c => c.Bought));
        var wViewed = Scale(options.ViewedTogetherWeight, all.Max(c => c.Viewed));
        var wAffinity = Scale(options.CategoryAffinityWeight, all.Max(c => c.Affinity));
        var wBuyAgain = Scale(options.BuyAgainWeight, all.Max(c => c.BuyAgain));
        foreach (var c in all)
        {
            var parts = new (double Value, RecommendationReason Reason)[]
            {
                (c.Trending * options.TrendingWeight, RecommendationReason.Trending),
                (c.Bought * wBought, RecommendationReason.BoughtTogether),
                (c.Viewed * wViewed, RecommendationReason.ViewedTogether),
                (c.Affinity * wAffinity, RecommendationReason.CategoryAffinity),
                (c.BuyAgain * wBuyAgain, RecommendationReason.BuyAgain),
            };
            c.Score = parts.Aggregate(0.0, (sum, part) => sum + part.Value);
            var best = parts[0];
            foreach (var part in parts.Skip(1).Where(part => part.Value > best.Value))
            {
                best = part;
            }

            c.Reason = best.Reason;
        }

        var results = new List<Recommendation>();
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in all.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            if (results.Count == request.Count)
            {
                break;
            }

            if (c.Score <= 0 || !c.Facts.InStock || c.Id == request.ContextProductId || request.Exclusions.Contains(c.Id) || (c.AlreadyBought && c.BuyAgain <= 0))
            {
                continue;
            }

            if (options.MaxPerCategory > 0 && c.Facts.Category is { } category)
            {
                if (perCategory.GetValueOrDefault(category) >= options.MaxPerCategory)
                {
                    continue;
                }

                perCategory[category] = perCategory.GetValueOrDefault(category) + 1;
            }

            results.Add(new Recommendation(c.Id, c.Score, c.Reason));
        }

        return results;
    }

    private static double Similarity(double co, double seedNorm, double candidateNorm) => co <= 0 ? 0 : co / (seedNorm * candidateNorm);

    private static double Power(double x, double p) => x <= 1e-12 ? 1 : Math.Pow(x, p);

    private sealed class Entry(string id, ItemFacts facts)
    {
        public string Id { get; } = id;

        public ItemFacts Facts { get; } = facts;

        public bool AlreadyBought { get; set; }

        public double Bought { get; set; }

        public double Viewed { get; set; }

        public double Affinity { get; set; }

        public double Trending { get; set; }

        public double BuyAgain { get; set; }

        public double Score { get; set; }

        public RecommendationReason Reason { get; set; }
    }
}
