using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Scoring.History;
using Realtime.Scoring.Ranking;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Tests.Ranking;

/// <summary>The ranker registry kind and the serving stage: promote, rollback, hot swap, refusals, fallback to the blend.</summary>
public sealed class RankerServingTests : IDisposable
{
    private static readonly long s_now = RepurchasePopulation.Start.AddDays(30).ToUnixTimeMilliseconds();
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-ranker-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public void With_no_ranker_promoted_the_blend_ranks()
    {
        using var serving = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        var (state, snapshot, request) = Customer();

        Assert.Equal(LearnedRecommendationRanking.BlendVersion, serving.ServingVersion);
        Assert.Equal(RecommendationRanker.Rank(request, state, snapshot, new(), s_now), serving.Rank(request, state, snapshot, new(), s_now));
    }

    [Fact]
    public async Task A_promoted_ranker_is_swapped_in_without_a_restart_and_rollback_returns_to_the_previous_then_to_the_blend()
    {
        var registry = new RankerRegistry(_models);
        var first = Train(seed: 1);
        var second = Train(seed: 2);
        using var serving = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        var (state, snapshot, request) = Customer();
        var blend = serving.Rank(request, state, snapshot, new(), s_now);

        registry.Promote(first);
        Assert.True(await serving.RefreshAsync());
        Assert.Equal(first, serving.ServingVersion);
        var learned = serving.Rank(request, state, snapshot, new(), s_now);
        Assert.Contains(learned, r => r.ProductId == "once"); // the blend drops a product bought once that nobody re-buys
        Assert.DoesNotContain(blend, r => r.ProductId == "once");

        registry.Promote(second);
        Assert.True(await serving.RefreshAsync());
        Assert.Equal(second, serving.ServingVersion);

        Assert.Equal(first, registry.Rollback());
        Assert.True(await serving.RefreshAsync());
        Assert.Equal(first, serving.ServingVersion);

        Assert.Null(registry.Rollback());
        Assert.True(await serving.RefreshAsync());
        Assert.Equal(LearnedRecommendationRanking.BlendVersion, serving.ServingVersion);
        Assert.Equal(blend, serving.Rank(request, state, snapshot, new(), s_now));
    }

    [Fact]
    public async Task A_corrupt_version_is_refused_by_promote_and_by_a_running_instance_and_the_model_in_force_keeps_serving()
    {
        var registry = new RankerRegistry(_models);
        var good = Train(seed: 1);
        registry.Promote(good);
        using var serving = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        Assert.Equal(good, serving.ServingVersion);

        var corrupt = Path.Combine(registry.Root, "vcorrupt-1");
        Directory.CreateDirectory(corrupt);
        File.Copy(Path.Combine(registry.Root, good, RankerModelLoader.ManifestFile), Path.Combine(corrupt, RankerModelLoader.ManifestFile));
        await File.WriteAllTextAsync(Path.Combine(corrupt, RankerModelLoader.ModelFile), "not a model");
        var refusal = Assert.Throws<ModelRejectedException>(() => registry.Promote("vcorrupt-1"));
        Assert.Contains("model.zip", refusal.Reason);
        Assert.Equal(good, registry.CurrentVersion());

        // Another tool points at it anyway: the running instance refuses it too and keeps the good model.
        await File.WriteAllTextAsync(Path.Combine(registry.Root, ModelRegistry.CurrentFile), "vcorrupt-1\n");
        Assert.False(await serving.RefreshAsync());
        Assert.Equal(good, serving.ServingVersion);

        // A fresh instance starting on the refused pointer falls back to the newest earlier promotion that loads.
        using var restarted = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        Assert.Equal(good, restarted.ServingVersion);
    }

    [Fact]
    public void A_version_trained_on_another_feature_schema_is_refused()
    {
        var registry = new RankerRegistry(_models);
        var version = Train(seed: 1);
        var manifest = Path.Combine(registry.Root, version, RankerModelLoader.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"schema_version\": {RankerFeatures.Version}", "\"schema_version\": 999", StringComparison.Ordinal));

        var refusal = Assert.Throws<ModelRejectedException>(() => registry.Promote(version));
        Assert.Contains("schema v999", refusal.Reason);
    }

    [Fact]
    public void A_missing_version_only_starts_the_blend()
    {
        var registry = new RankerRegistry(_models);
        Directory.CreateDirectory(registry.Root);
        File.WriteAllText(Path.Combine(registry.Root, ModelRegistry.CurrentFile), "v-gone\n");

        using var serving = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models });
        var (state, snapshot, request) = Customer();

        Assert.Equal(LearnedRecommendationRanking.BlendVersion, serving.ServingVersion);
        Assert.Equal(RecommendationRanker.Rank(request, state, snapshot, new(), s_now), serving.Rank(request, state, snapshot, new(), s_now));
    }

    [Fact]
    public void Configured_explore_positions_put_products_the_customer_never_bought_in_the_served_slate()
    {
        var registry = new RankerRegistry(_models);
        registry.Promote(Train(seed: 1));
        var replay = new RankerReplay(new(), new ItemSignalOptions { Epoch = RepurchasePopulation.Start });
        foreach (var e in RepurchasePopulation.Generate(customers: 40, ordersPerCustomer: 6, seed: 3))
        {
            replay.Apply(e);
        }

        var (state, store) = replay.View("c0");
        var now = state!.LastOrderMs + TimeUnits.MsPerDay;
        var request = new RecommendationRequest { Count = 3 };
        List<Recommendation> Served(int positions)
        {
            using var serving = new LearnedRecommendationRanking(new RankerServingOptions { ModelsRoot = _models, ExplorePositions = positions });
            return serving.Rank(request, state, store.Read(serving.Plan(request, state, new(), now)), new(), now);
        }

        bool Bought(Recommendation r) => state.Purchased.Any(p => p.ProductId == r.ProductId);

        // The model alone serves the customer's staple first; with every position of the 3 reserved, all 3 are new to them.
        var modelOnly = Served(0);
        Assert.Equal("staple-0", modelOnly[0].ProductId);
        var slate = Served(3);
        Assert.Equal(3, slate.Select(r => r.ProductId).Distinct().Count());
        Assert.DoesNotContain(slate, Bought);
    }

    private string Train(int seed)
    {
        var history = RepurchasePopulation.Generate(customers: 40, ordersPerCustomer: 6, seed: seed);
        return RankerTraining.Train(
            new EnumerableEventSource(history, "generated"), _models, TimeSpan.FromDays(10), RepurchasePopulation.Start.AddDays(seed),
            new RankerTrainingOptions { MaxIterations = 20, MinimumExamplesPerLeaf = 10 }).Version;
    }

    /// <summary>A customer who bought "staple" in 3 orders and "once" in one, against an empty item store.</summary>
    private static (CustomerState State, ItemSignalSnapshot Snapshot, RecommendationRequest Request) Customer()
    {
        var state = new CustomerState("c1");
        var at = RepurchasePopulation.Start;
        CustomerFold.Apply(state, RepurchasePopulation.Order("c1", at, ["staple-0", "once"]));
        CustomerFold.Apply(state, RepurchasePopulation.Order("c1", at.AddDays(7), ["staple-0"]));
        CustomerFold.Apply(state, RepurchasePopulation.Order("c1", at.AddDays(14), ["staple-0"]));
        return (state, new ItemSignalSnapshot(), new RecommendationRequest { Count = 10 });
    }
}
