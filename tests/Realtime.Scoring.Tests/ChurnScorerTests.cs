using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Tests;

[Collection(TrainedModelCollection.Name)]
public sealed class ChurnScorerTests(TrainedModelFixture fixture) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rt-churn-registry-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Without_a_promoted_model_the_baseline_answers()
    {
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });
        Span<FeatureContribution> top = stackalloc FeatureContribution[3];

        var score = scorer.Score(Customer(lastOrderDaysAgo: 200), s_now, top);

        Assert.Equal(ChurnScorer.BaselineVersion, score.ModelVersion);
        Assert.InRange(score.Score, 0.6f, 1f);
        Assert.Equal(RiskBand.High, score.Band);
        Assert.Equal("recency_days", top[0].Name);
    }

    [Fact]
    public void Promoting_a_version_switches_a_polling_scorer_without_restart()
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        var time = new FakeTimeProvider(s_now);
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root, PollInterval = TimeSpan.FromSeconds(2) }, time);
        scorer.Start();
        Assert.Equal(ChurnScorer.BaselineVersion, scorer.ModelVersion);

        registry.Promote("v1");
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("v1", scorer.ModelVersion);
        Span<FeatureContribution> top = stackalloc FeatureContribution[3];
        var score = scorer.Score(Customer(lastOrderDaysAgo: 10), s_now, top);
        Assert.Equal("v1", score.ModelVersion);
        Assert.InRange(score.Score, 0f, 1f);
        Assert.InRange(score.TopFeatureCount, 1, 3);
    }

    [Fact]
    public async Task A_corrupt_promoted_model_is_refused_and_the_old_one_keeps_serving()
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        var bad = fixture.CopyTo(_root, "v2");
        File.WriteAllBytes(Path.Combine(bad, ModelFiles.Model), [1, 2, 3, 4]);
        registry.Promote("v1");
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });

        registry.Promote("v2", validate: false);
        var changed = await scorer.RefreshAsync();

        Assert.False(changed);
        Assert.Equal("v1", scorer.ModelVersion);
        Assert.Equal("v2", scorer.LastRejection?.Version);
        Assert.Equal("v1", scorer.Score(Customer(30), s_now).ModelVersion);
    }

    [Fact]
    public void Promote_refuses_a_model_trained_on_another_feature_schema()
    {
        var folder = fixture.CopyTo(_root, "v1");
        var features = Path.Combine(folder, ModelFiles.Features);
        File.WriteAllText(features, File.ReadAllText(features).Replace($"\"schema_version\": {Core.Churn.FeatureSchema.Version}", "\"schema_version\": 999", StringComparison.Ordinal));

        var error = Assert.Throws<ModelRejectedException>(() => new ModelRegistry(_root).Promote("v1"));

        Assert.Contains("schema", error.Reason, StringComparison.Ordinal);
        Assert.Null(new ModelRegistry(_root).CurrentVersion());
    }

    [Fact]
    public async Task Rollback_returns_to_the_previous_version_and_then_to_the_baseline()
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        fixture.CopyTo(_root, "v2");
        registry.Promote("v1");
        registry.Promote("v2");
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });
        Assert.Equal("v2", scorer.ModelVersion);

        Assert.Equal("v1", registry.Rollback());
        await scorer.RefreshAsync();
        Assert.Equal("v1", scorer.ModelVersion);

        Assert.Null(registry.Rollback());
        await scorer.RefreshAsync();
        Assert.Equal(ChurnScorer.BaselineVersion, scorer.ModelVersion);
        Assert.Equal(2, registry.List().Count);
    }

    [Fact]
    public void Scoring_does_not_allocate()
    {
        fixture.CopyTo(_root, "v1");
        new ModelRegistry(_root).Promote("v1");
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });
        var customer = Customer(40);
        Span<FeatureContribution> top = stackalloc FeatureContribution[3];
        scorer.Score(customer, s_now, top);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scorer.Score(customer, s_now, top);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static readonly DateTimeOffset s_now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CustomerState Customer(int lastOrderDaysAgo)
    {
        var state = new CustomerState("c1");
        CustomerFold.Apply(state, new CustomerEvent { EventId = "a", Type = EventType.OrderPlaced, CustomerId = "c1", OccurredAt = s_now.AddDays(-lastOrderDaysAgo - 60), Amount = 40 });
        CustomerFold.Apply(state, new CustomerEvent { EventId = "b", Type = EventType.OrderPlaced, CustomerId = "c1", OccurredAt = s_now.AddDays(-lastOrderDaysAgo), Amount = 60 });
        return state;
    }
}
