using System.Diagnostics;
using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Evaluation.Recs.Baselines;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// Replays a dataset in time order through the production code — <see cref="CustomerFold"/> for customer state and
/// <see cref="ItemSignalUpdate"/> into an <see cref="InMemoryItemSignalStore"/> — and, just before each test event,
/// asks the recommender and the baselines as of that moment (popularity, item-kNN, and the next-basket baselines
/// P-TopFreq and TIFU-KNN, which see only their own counts of the log), and, given a trained model, the learned
/// ranker: with the customer's whole purchase profile (<c>ranker</c>), with the stored purchase history exactly as
/// ingest writes and the API reads it (<c>ranker_history</c>: the fold's bounded <see cref="CustomerState.History"/>,
/// through its codec), and with the estimate from the bounded state alone (<c>ranker_state</c>, what the API serves a
/// customer ingested before histories were kept), all with the configured explore positions, and the whole-profile
/// model's trade-off curve (<c>ranker_explore0</c>..<c>ranker_explore5</c>: that many of the top-10 reserved for
/// explore candidates; 0 = the model's order alone). Nothing from the future is visible: the event itself and
/// everything after it are applied only after the question.
/// </summary>
/// <param name="recommendation">Engine options.</param>
/// <param name="signals">Item-statistics options.</param>
/// <param name="tifu">TIFU-KNN's parameters.</param>
/// <param name="ranker">The learned ranker's model, or null (no ranker systems).</param>
/// <param name="explorePositions">The explore positions of <c>ranker</c> and <c>ranker_state</c> (as the API's <c>Recommendations:Ranker:ExplorePositions</c>).</param>
internal sealed class RecsHarness(RecommendationOptions recommendation, ItemSignalOptions signals, TifuKnnParameters tifu, IRankerModel? ranker = null, int explorePositions = 0)
{
    /// <summary>The mixed slates measured beside the ranker (<c>ranker_explore0</c>..: that many explore positions in the top-10).</summary>
    public const int MaxExplorePositions = 5;

    /// <summary>Length of the ranked list requested (MRR is computed over it).</summary>
    public const int ListLength = 100;

    /// <summary>Runs the protocol and returns one row of metrics per system (recs, popularity, itemknn, ptopfreq, tifuknn, and ranker, ranker_history, ranker_state with a model).</summary>
    /// <param name="data">The dataset and its test points.</param>
    /// <param name="progress">Counts events replayed (stderr; scripts' stdout is unchanged).</param>
    public RecsReport Run(RecsDataset data, ProgressMeter? progress = null)
    {
        progress ??= ProgressMeter.None;
        var store = new InMemoryItemSignalStore(signals);
        var products = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in data.Events)
        {
            if (e.ProductId is { } p)
            {
                products.Add(p);
            }

            foreach (var line in e.Lines)
            {
                products.Add(line.ProductId);
            }
        }

        var knn = new ItemKnnBaseline(products);
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var seen = new SeenProducts(data.ExcludeSeen);
        var bought = new PurchaseHistory();
        var fillPopularity = new DecayedPopularity();
        var pTopFreq = new PersonalTopFrequency();
        var tifuKnn = new TifuKnn(tifu);
        var batch = new ItemSignalBatch();
        var recs = new SystemMetrics();
        var popularity = new SystemMetrics();
        var itemKnn = new SystemMetrics();
        var pTopFreqMetrics = new SystemMetrics();
        var tifuKnnMetrics = new SystemMetrics();
        var rankTime = new Stopwatch();
        var ids = new List<string>(ListLength);
        var profiles = new Dictionary<string, PurchaseProfile>(StringComparer.Ordinal);
        var rankerMetrics = new SystemMetrics();
        var rankerStateMetrics = new SystemMetrics();
        var rankerHistoryMetrics = new SystemMetrics();
        var slateMetrics = Enumerable.Range(0, MaxExplorePositions + 1).Select(_ => new SystemMetrics()).ToArray();
        var exploreRecall = new ExploreRecall();
        var rankerTime = new Stopwatch();
        var candidates = new RankerCandidates();
        var learned = new List<Recommendation>(ListLength);

        for (var i = 0; i < data.Events.Count; i++)
        {
            progress.Advance();
            var e = data.Events[i];
            var customer = e.CustomerId;
            if (data.Targets.TryGetValue(i, out var relevant))
            {
                var state = states.GetValueOrDefault(customer);
                var now = TimeUnits.ToMs(e.OccurredAt);
                var exclusions = seen.Exclusions(customer);
                var before = bought.Of(customer);

                rankTime.Start();
                var request = new RecommendationRequest { Count = ListLength, Exclusions = exclusions };
                var snapshot = store.Read(RecommendationPlanner.Plan(request, state, recommendation, now));
                var ranked = RecommendationRanker.Rank(request, state, snapshot, recommendation, now);
                rankTime.Stop();
                ids.Clear();
                foreach (var r in ranked)
                {
                    ids.Add(r.ProductId);
                }

                recs.Add(ids, relevant, before);
                if (ranker is not null)
                {
                    var profile = profiles.GetValueOrDefault(customer) ?? PurchaseProfile.Empty;
                    rankerMetrics.Add(RankLearned(ranker, request, state, profile, store, now, candidates, learned, rankerTime), relevant, before);
                    exploreRecall.Add(candidates, relevant, before);
                    for (var k = 0; k <= MaxExplorePositions; k++)
                    {
                        slateMetrics[k].Add(Slate(ranker, request, candidates, learned, k), relevant, before);
                    }

                    rankerHistoryMetrics.Add(RankLearned(ranker, request, state, StoredHistory(state), store, now, candidates, learned, null), relevant, before);
                    rankerStateMetrics.Add(RankLearned(ranker, request, state, PurchaseProfile.FromState(state), store, now, candidates, learned, null), relevant, before);
                }

                popularity.Add(Popular(store, now, exclusions), relevant, before);
                itemKnn.Add(knn.Recommend(customer, exclusions, ListLength), relevant, before);
                var fill = fillPopularity.Top(ListLength, exclusions);
                pTopFreqMetrics.Add(pTopFreq.Recommend(customer, exclusions, fill, ListLength), relevant, before);
                tifuKnnMetrics.Add(tifuKnn.Recommend(customer, exclusions, fill, ListLength), relevant, before);
            }

            Apply(e, store, states, batch);
            if (e.Type == EventType.OrderPlaced && !RecsDataset.IsGuest(customer))
            {
                if (!profiles.TryGetValue(customer, out var profile))
                {
                    profiles[customer] = profile = new PurchaseProfile();
                }

                profile.Observe(e);
            }

            knn.Observe(e);
            seen.Observe(e);
            bought.Observe(e);
            fillPopularity.Observe(e);
            pTopFreq.Observe(e);
            tifuKnn.Observe(e);
        }

        List<(string, SystemMetrics)> systems = [("recs", recs), ("popularity", popularity), ("itemknn", itemKnn), ("ptopfreq", pTopFreqMetrics), ("tifuknn", tifuKnnMetrics)];
        if (ranker is not null)
        {
            systems.Add(("ranker", rankerMetrics));
            systems.Add(("ranker_history", rankerHistoryMetrics));
            systems.Add(("ranker_state", rankerStateMetrics));
            for (var k = 0; k <= MaxExplorePositions; k++)
            {
                systems.Add(($"ranker_explore{k}", slateMetrics[k]));
            }
        }

        return new RecsReport(
            data.Name,
            recs.All.Cases,
            products.Count,
            rankTime.Elapsed.TotalMicroseconds / Math.Max(1, recs.All.Cases),
            systems,
            ranker is null ? null : rankerTime.Elapsed.TotalMicroseconds / Math.Max(1, recs.All.Cases),
            HistorySizes.Of(states.Values),
            ranker is null ? null : exploreRecall);
    }

    // What serving reads: the history as stored (encoded and decoded again), or the state's estimate when there is none.
    private static PurchaseProfile StoredHistory(CustomerState? state) =>
        state?.History is { } history ? PurchaseHistoryCodec.Decode(PurchaseHistoryCodec.Encode(history)) : PurchaseProfile.FromState(state);

    private void Apply(CustomerEvent e, InMemoryItemSignalStore store, Dictionary<string, CustomerState> states, ItemSignalBatch batch)
    {
        // Guests and catalog events have no customer state: their statistics are computed against an empty state.
        var guest = RecsDataset.IsGuest(e.CustomerId);
        CustomerState before;
        if (guest)
        {
            before = new CustomerState(e.CustomerId);
        }
        else if (!states.TryGetValue(e.CustomerId, out before!))
        {
            states[e.CustomerId] = before = new CustomerState(e.CustomerId);
        }

        batch.Clear();
        ItemSignalUpdate.Compute(before, e, signals, batch);
        store.Apply(batch);
        if (!guest)
        {
            CustomerFold.Apply(before, e);
        }
    }

    /// <summary>
    /// The learned ranker's list: its read (the planner's plus the profile's facts), candidates, model order.
    /// <paramref name="stage"/> times the in-process stage alone (candidates, features, scoring, reasons), not the read.
    /// </summary>
    private List<string> RankLearned(
        IRankerModel model, RecommendationRequest request, CustomerState? state, PurchaseProfile profile, InMemoryItemSignalStore store,
        long now, RankerCandidates candidates, List<Recommendation> learned, Stopwatch? stage)
    {
        var snapshot = store.Read(RankerPlan.Plan(request, state, profile, recommendation, now));
        if (stage is not null)
        {
            // The serving case: 10 products asked (reasons are computed for the returned products only).
            var ten = new RecommendationRequest { Count = 10, Exclusions = request.Exclusions };
            stage.Start();
            RankerCandidateBuilder.Build(ten, state, profile, snapshot, recommendation, now, candidates);
            LearnedRanking.Rank(ten, candidates, model, learned, explorePositions);
            stage.Stop();
        }

        RankerCandidateBuilder.Build(request, state, profile, snapshot, recommendation, now, candidates);
        LearnedRanking.Rank(request, candidates, model, learned, explorePositions);
        var result = new List<string>(learned.Count);
        foreach (var r in learned)
        {
            result.Add(r.ProductId);
        }

        return result;
    }

    /// <summary>The mixed slate of the candidates <see cref="RankLearned"/> built last (the same request).</summary>
    private static List<string> Slate(IRankerModel model, RecommendationRequest request, RankerCandidates candidates, List<Recommendation> learned, int explorePositions)
    {
        LearnedRanking.Rank(request, candidates, model, learned, explorePositions);
        return learned.ConvertAll(r => r.ProductId);
    }

    /// <summary>The time-decayed popularity baseline: the global trending list, minus exclusions.</summary>
    private static List<string> Popular(InMemoryItemSignalStore store, long now, HashSet<string> exclusions)
    {
        var snapshot = store.Read(new ItemSignalQuery { NowMs = now, TrendingCount = ListLength + exclusions.Count });
        var result = new List<string>(ListLength);
        foreach (var t in snapshot.Trending)
        {
            if (result.Count < ListLength && !exclusions.Contains(t.ProductId))
            {
                result.Add(t.ProductId);
            }
        }

        return result;
    }
}
