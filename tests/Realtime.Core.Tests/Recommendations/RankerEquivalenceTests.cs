using Realtime.Core.Recommendations;
using Realtime.Core.State;
using static Realtime.Core.Tests.Recommendations.TestEvents;

namespace Realtime.Core.Tests.Recommendations;

/// <summary>
/// The optimised ranker (spans instead of enumerators, pre-scored neighbour similarities, heap selection) against
/// <see cref="ReferenceRanker"/> on generated stores and customers: same products, same order, same reasons, scores
/// equal up to rounding.
/// </summary>
public sealed class RankerEquivalenceTests
{
    private const int Products = 300;
    private static readonly long s_now = Ms(0);

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ranks_like_the_reference_on_lists_built_for_the_request(int seed)
    {
        var random = new Random(seed);
        var store = GeneratedStore.Create(random);
        for (var call = 0; call < 20; call++)
        {
            var (request, state) = GeneratedStore.Call(random);
            var snapshot = store.Snapshot(factor: 1, shared: false);

            AssertSame(ReferenceRanker.Rank(request, state, snapshot, Options(call), s_now), RecommendationRanker.Rank(request, state, snapshot, Options(call), s_now));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ranks_like_the_reference_when_cached_lists_are_reused_at_later_query_times(int seed)
    {
        var random = new Random(seed);
        var store = GeneratedStore.Create(random);
        foreach (var factor in new[] { 1.0, 0.8, 0.35, 1e-3 })
        {
            // The same stored arrays every time, decayed by a new factor: similarities scored at the first are reused.
            var snapshot = store.Snapshot(factor, shared: true);
            for (var call = 0; call < 10; call++)
            {
                var (request, state) = GeneratedStore.Call(random);
                AssertSame(ReferenceRanker.Rank(request, state, snapshot, Options(call), s_now), RecommendationRanker.Rank(request, state, snapshot, Options(call), s_now));
            }
        }
    }

    [Fact]
    public void A_list_re_read_from_the_store_is_scored_with_its_new_masses()
    {
        var random = new Random(9);
        var store = GeneratedStore.Create(random);
        var (request, state) = GeneratedStore.Call(random);
        var options = new RecommendationOptions { TrendingWeight = 0, CategoryAffinityWeight = 0, BuyAgainWeight = 0 };
        var first = store.Snapshot(1, shared: true);
        RecommendationRanker.Rank(request, state, first, options, s_now);

        // New statistics: every mass changes, and the reader hands out freshly read arrays (as after the cache's TTL).
        store.ChangeMasses(random);
        var reread = store.Snapshot(1, shared: true);

        AssertSame(ReferenceRanker.Rank(request, state, reread, options, s_now), RecommendationRanker.Rank(request, state, reread, options, s_now));
    }

    // Varying options too: damping 0.5 and 0 take the square-root and constant branches of the normaliser.
    private static RecommendationOptions Options(int call) => new()
    {
        PopularityDamping = call % 3 == 0 ? 0.5 : call % 3 == 1 ? 0.3 : 0,
        MaxPerCategory = call % 4,
        HistorySeeds = 4 + (call % 13),
    };

    private static void AssertSame(List<Recommendation> expected, List<Recommendation> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => (r.ProductId, r.Reason)), actual.Select(r => (r.ProductId, r.Reason)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-9 * Math.Max(1, Math.Abs(expected[i].Score)));
        }
    }

    /// <summary>A random store in stored units (lists and facts) and random customers over <see cref="Products"/> products.</summary>
    private sealed class GeneratedStore
    {
        private readonly Dictionary<string, ScoredItem[]> _bought = [];
        private readonly Dictionary<string, ScoredItem[]> _viewed = [];
        private readonly Dictionary<string, ScoredItem[]> _byCategory = [];
        private readonly Dictionary<string, ItemFacts> _facts = [];
        private ScoredItem[] _trending = [];

        public static GeneratedStore Create(Random random)
        {
            var store = new GeneratedStore();
            for (var p = 0; p < Products; p++)
            {
                var id = Id(p);
                if (random.NextDouble() < 0.9)
                {
                    store._facts[id] = new ItemFacts(true, random.NextDouble() < 0.9 ? $"c{random.Next(8)}" : null, 10, random.NextDouble() < 0.93,
                        random.NextDouble() * 50, 1 + (random.NextDouble() * 500), 1 + (random.NextDouble() * 900), random.NextDouble() * 40, random.NextDouble() * 10);
                }

                store._bought[id] = List(random, random.Next(0, 50));
                store._viewed[id] = List(random, random.Next(0, 50));
            }

            for (var c = 0; c < 8; c++)
            {
                store._byCategory[$"c{c}"] = List(random, 30);
            }

            store._trending = List(random, 50);
            return store;
        }

        public static (RecommendationRequest Request, CustomerState State) Call(Random random)
        {
            var state = new CustomerState("c");
            for (var i = 0; i < random.Next(0, 20); i++)
            {
                state.RecentItems.Add(new RecentItem(Id(random.Next(Products)), s_now - (i * 3_600_000L)));
            }

            for (var i = 0; i < random.Next(0, 15); i++)
            {
                var orders = random.Next(1, 5);
                var last = s_now - (random.Next(1, 90) * 86_400_000L);
                state.Purchased.Add(new PurchasedItem(Id(random.Next(Products)), $"c{random.Next(8)}", orders, last - (orders * 20 * 86_400_000L), last));
            }

            for (var c = 0; c < random.Next(0, 6); c++)
            {
                state.Categories.Add(new CategoryAffinity($"c{c}", 3, random.NextDouble() * 5, s_now - (random.Next(0, 60) * 86_400_000L)));
            }

            var exclusions = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Id(random.Next(Products))).ToArray();
            var context = random.NextDouble() < 0.8 ? Id(random.Next(Products)) : null;
            return (new RecommendationRequest { ContextProductId = context, ContextCategory = random.NextDouble() < 0.3 ? "c1" : null, Count = random.Next(1, 30), Exclusions = exclusions }, state);
        }

        public void ChangeMasses(Random random)
        {
            foreach (var id in _facts.Keys.ToList())
            {
                _facts[id] = _facts[id] with { BoughtMass = 1 + (random.NextDouble() * 500), ViewedMass = 1 + (random.NextDouble() * 900) };
            }

            foreach (var table in new[] { _bought, _viewed })
            {
                foreach (var id in table.Keys.ToList())
                {
                    table[id] = [.. table[id]];
                }
            }
        }

        /// <summary>
        /// The store seen at a query time: every score and mass times <paramref name="factor"/>. Shared: the stored
        /// arrays behind <see cref="ScaledScores"/> views, as the Redis reader's cache hands out; otherwise fresh lists.
        /// </summary>
        public ItemSignalSnapshot Snapshot(double factor, bool shared)
        {
            IReadOnlyList<ScoredItem> View(ScoredItem[] stored) =>
                shared ? new ScaledScores(stored, factor) : stored.Select(s => s with { Score = s.Score * factor }).ToList();

            var snapshot = new ItemSignalSnapshot { Trending = View(_trending) };
            foreach (var (id, list) in _bought)
            {
                snapshot.BoughtTogether[id] = View(list);
            }

            foreach (var (id, list) in _viewed)
            {
                snapshot.ViewedTogether[id] = View(list);
            }

            foreach (var (category, list) in _byCategory)
            {
                snapshot.TrendingByCategory[category] = View(list);
            }

            foreach (var (id, facts) in _facts)
            {
                snapshot.Facts[id] = facts.Scaled(factor, factor);
            }

            return snapshot;
        }

        private static ScoredItem[] List(Random random, int length) =>
            Enumerable.Range(0, Products).OrderBy(_ => random.Next()).Take(length)
                .Select(p => new ScoredItem(Id(p), random.NextDouble() * 20)).OrderByDescending(s => s.Score).ToArray();

        private static string Id(int p) => $"p{p:D3}";
    }
}
