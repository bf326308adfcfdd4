using Realtime.Core.Churn;
using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

/// <summary>The BG/NBD features and baseline: point in time, and the same vector offline and live.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class ChurnBgNbdFeatureTests(TrainedModelFixture fixture)
{
    private static readonly DateTimeOffset s_cutoff = SyntheticHistory.Start.AddDays(300);

    [Fact]
    public void Bgnbd_parameters_and_features_at_a_cutoff_do_not_change_when_events_after_it_are_added()
    {
        var events = SyntheticHistory.Generate(customers: 400, days: 420, seed: 5);
        var before = events.Where(e => e.OccurredAt <= s_cutoff).ToList();
        Assert.True(events.Count(e => e.OccurredAt > s_cutoff && e.Type == EventType.OrderPlaced) > 100, "the later events include orders");

        var (withFuture, parametersWithFuture) = Filled(events);
        var (pastOnly, parametersPastOnly) = Filled(before);

        Assert.NotNull(parametersWithFuture);
        Assert.Equal(parametersPastOnly, parametersWithFuture);
        Assert.Equal(pastOnly.Count, withFuture.Count);
        foreach (var (past, all) in pastOnly.Zip(withFuture))
        {
            Assert.Equal(past.CustomerId, all.CustomerId);
            Assert.Equal(past.Features, all.Features);
        }

        Assert.Contains(withFuture, e => e.Features[FeatureSchema.BgNbdProbabilityNoOrder] is > 0 and < 1);
    }

    [Fact]
    public void Serving_computes_the_training_vector_and_score_from_the_same_state()
    {
        var model = ChurnModelLoader.Load(fixture.Result.Folder);
        Assert.NotNull(model.Metadata.BgNbd);
        var events = SyntheticHistory.Generate(customers: 50, days: 400, seed: 9);
        var set = TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = [s_cutoff], Horizon = TimeSpan.FromDays(90), DataEnd = s_cutoff.AddDays(90) });
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.OccurredAt <= s_cutoff).OrderBy(e => e.OccurredAt))
        {
            CustomerFold.Apply(states.TryGetValue(e.CustomerId, out var s) ? s : states[e.CustomerId] = new CustomerState(e.CustomerId), e);
        }

        Assert.NotEmpty(set.Examples);
        using var scorer = ScorerServing(model.Version);
        var served = new float[FeatureSchema.Count];
        foreach (var example in set.Examples)
        {
            model.FillFeatures(example.Features);
            model.ComputeFeatures(states[example.CustomerId], s_cutoff, served);

            Assert.Equal(example.Features, served);
            Assert.Equal(model.Predict(example.Features), scorer.Score(states[example.CustomerId], s_cutoff).Score);
        }
    }

    [Fact]
    public void The_bgnbd_baseline_scores_no_purchase_in_the_horizon_not_one_minus_alive()
    {
        var parameters = new Core.Lifecycle.Clv.BgNbdParameters(0.5, 40, 0.8, 2.5);
        var oneTimeBuyer = new float[FeatureSchema.Count];
        oneTimeBuyer[FeatureSchema.HasOrdered] = 1;
        oneTimeBuyer[FeatureSchema.OrderCount] = 1;
        oneTimeBuyer[FeatureSchema.DaysSinceFirstOrder] = 100;
        oneTimeBuyer[FeatureSchema.RecencyDays] = 100;

        var score = BgNbdBaseline.Score(parameters, oneTimeBuyer, horizonDays: 90);

        Assert.Equal(Math.Pow(140.0 / 230, 0.5), score, 5); // P(alive) = 1 here, so 1 − P(alive) would say 0
    }

    [Fact]
    public void Every_report_has_the_bgnbd_baseline_the_gain_interval_and_the_reliability_table()
    {
        var report = fixture.Result.Report;
        var gain = report.GainOverBestBaseline;

        Assert.Contains("bgnbd", report.Baselines.Keys);
        Assert.NotNull(gain);
        Assert.Equal(report.Baselines.MaxBy(b => b.Value.RocAuc).Key, gain.Baseline);
        Assert.Equal(report.Model.RocAuc - report.Baselines[gain.Baseline].RocAuc, gain.Gain, 9);
        Assert.InRange(gain.Gain, gain.Low, gain.High);
        Assert.Equal(10, report.Model.Reliability.Count);
        Assert.Equal(report.Model.Reliability.Max(d => d.Gap), report.Model.CalibrationMaxGap);
        var markdown = File.ReadAllText(Path.Combine(fixture.Result.Folder, ModelFiles.ReportMarkdown));
        Assert.Contains("baseline: bgnbd", markdown);
        Assert.Contains("## Reliability", markdown);
        Assert.Contains("paired-bootstrap interval", markdown);
        Assert.Equal(fixture.Result.Metadata.BgNbd, ModelFiles.ReadMetadata(fixture.Result.Folder).BgNbd);
    }

    private static (List<ChurnExample> Examples, Core.Lifecycle.Clv.BgNbdParameters? Parameters) Filled(List<CustomerEvent> events)
    {
        var set = TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = [s_cutoff], Horizon = TimeSpan.FromDays(90), DataEnd = s_cutoff.AddDays(90) });
        var parameters = BgNbdBaseline.Fit(set.Examples);
        foreach (var e in set.Examples)
        {
            ChurnModelFeatures.Fill(e.Features, parameters, 90);
        }

        return (set.Examples.OrderBy(e => e.CustomerId, StringComparer.Ordinal).ToList(), parameters);
    }

    private ChurnScorer ScorerServing(string version)
    {
        var root = Path.Combine(fixture.Root, "serving-" + Guid.NewGuid().ToString("N"));
        fixture.CopyTo(root, version);
        new ModelRegistry(root).Promote(version);
        return new ChurnScorer(new ChurnScorerOptions { ModelsRoot = root });
    }
}
