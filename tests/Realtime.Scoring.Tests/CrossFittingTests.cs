using Realtime.Core.Churn;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

/// <summary>
/// Cross-fitting never scores a customer with anything fitted on that customer: not the model, not the BG/NBD
/// parameters, not the calibration. A memorising fitter (it scores a customer it was given by their label, others 0.5)
/// makes any leak visible as an out-of-fold score other than 0.5.
/// </summary>
public sealed class CrossFittingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-crossfit-").FullName;

    [Fact]
    public void No_customer_is_scored_by_a_fit_that_saw_them()
    {
        var examples = Examples(2000, seed: 1);

        var result = AssertNoLeak(examples, (all, fit) => CrossFitting.Run(all, 5, fit));

        Assert.Equal(examples.Count, result.Examples.Count);
        Assert.Equal(examples.Select(e => e.CustomerId).Order(StringComparer.Ordinal), result.Examples.Select(e => e.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(0.5, ChurnMetrics.Compute(result.Model, result.Labels).RocAuc, 12);
    }

    [Fact]
    public void The_leak_check_fails_on_a_protocol_with_a_planted_leak()
    {
        var examples = Examples(2000, seed: 2);

        // Planted leak: each fold's fit is handed every customer (its own fold included), as a protocol that fitted
        // BG/NBD or the calibration on all customers before splitting would be.
        CrossFitResult Leaky(IReadOnlyList<ChurnExample> all, Func<IReadOnlyList<ChurnExample>, IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, FoldScores>> fit)
        {
            var (train, validation) = CrossFitting.InnerSplit(all);
            var scores = fit(train, validation)(all);
            return new CrossFitResult(5, all, scores.Model, scores.Baselines);
        }

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoLeak(examples, Leaky));
    }

    [Fact]
    public void Every_folds_BG_NBD_baseline_and_features_come_from_the_other_folds_inner_training_part_only()
    {
        var events = SyntheticHistory.Generate(customers: 1500, days: 500, seed: 9);
        var set = TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = [SyntheticHistory.Start.AddDays(380)], Horizon = TimeSpan.FromDays(90) });
        var options = new ChurnTrainingOptions { ModelsRoot = Path.Combine(_dir, "models"), NumberOfTrees = 40, MinimumExamplesPerLeaf = 30, Split = ChurnSplitMethod.Customer };

        var result = ChurnTraining.Train(set, "synthetic", options);

        var crossFit = Assert.IsType<CrossFitResult>(result.CrossFit);
        Assert.Equal(5, result.Metadata.CrossFitFolds);
        Assert.Equal(set.Examples.Count, result.HoldoutScores.Count);
        for (var k = 0; k < 5; k++)
        {
            var others = set.Examples.Where(e => CrossFitting.FoldOf(e.CustomerId, 5) != k).ToList();
            var parameters = BgNbdBaseline.Fit(CrossFitting.InnerSplit(others).Train);
            Assert.NotNull(parameters);
            var fromAll = BgNbdBaseline.Fit(set.Examples);
            for (var i = 0; i < crossFit.Examples.Count; i++)
            {
                var e = crossFit.Examples[i];
                if (CrossFitting.FoldOf(e.CustomerId, 5) == k)
                {
                    Assert.Equal(BgNbdBaseline.Score(parameters, e.Features, 90), crossFit.Baselines["bgnbd"][i]);
                }
            }

            Assert.NotEqual(fromAll, parameters);
        }

        // The examples' own vectors are never filled in place: one fold's BG/NBD parameters cannot reach another's inputs.
        Assert.All(set.Examples, e => Assert.Equal(FeatureSchema.Missing, e.Features[FeatureSchema.BgNbdProbabilityAlive]));
    }

    [Fact]
    public void Every_calibration_row_is_scored_by_a_refit_that_never_saw_the_customer()
    {
        var examples = Examples(2000, seed: 5);

        var (scores, churned) = AssertNoPartLeak(examples, OutOfPartScores.Score);

        Assert.Equal(examples.Count, scores.Count);
        Assert.Equal(examples.Count(e => e.Churned), churned.Count(c => c));
        Assert.Equal(OutOfPartScores.Parts, examples.Select(e => OutOfPartScores.PartOf(e.CustomerId)).Distinct().Count());
    }

    [Fact]
    public void The_calibration_row_leak_check_fails_when_each_refit_is_handed_every_customer()
    {
        var examples = Examples(2000, seed: 6);

        // Planted leak: the refit sees the part it then scores, as calibrating on the model's own training scores would.
        static (List<float>, List<bool>) Leaky(IReadOnlyList<ChurnExample> all, Func<IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, IReadOnlyList<float>>> fit) =>
            (fit(all)(all).ToList(), all.Select(e => e.Churned).ToList());

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoPartLeak(examples, Leaky));
    }

    [Fact]
    public void A_perfectly_calibrated_score_has_small_reliability_gaps_and_a_miscalibrated_one_does_not()
    {
        var rng = new Random(4);
        var truth = Enumerable.Range(0, 2718 * 4).Select(_ => (float)rng.NextDouble()).ToList();
        var labels = truth.Select(p => rng.NextDouble() < p).ToList();

        var calibrated = ChurnMetrics.Compute(truth, labels);
        var shifted = ChurnMetrics.Compute(truth.Select(p => Math.Min(1f, p + 0.1f)).ToList(), labels);

        Assert.True(calibrated.CalibrationMaxGap < 0.03, $"calibrated max gap {calibrated.CalibrationMaxGap:0.000}");
        Assert.True(shifted.CalibrationMaxGap > 0.07, $"shifted max gap {shifted.CalibrationMaxGap:0.000}");
    }

    /// <summary>
    /// Runs <paramref name="protocol"/> with a memorising fitter and fails when any customer was scored by a fit given
    /// that customer (in its training or validation part), or when an out-of-fold score shows a memorised label.
    /// </summary>
    private static CrossFitResult AssertNoLeak(
        IReadOnlyList<ChurnExample> examples,
        Func<IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, FoldScores>>, CrossFitResult> protocol)
    {
        var memoriser = new Memoriser();
        var result = protocol(examples, (train, validation) =>
        {
            var score = memoriser.Fit(train.Concat(validation));
            return fold =>
            {
                var scores = score(fold);
                return new FoldScores(scores, new Dictionary<string, IReadOnlyList<float>>(StringComparer.Ordinal) { ["memorised"] = scores });
            };
        });

        Assert.Equal(0, memoriser.Leaks);
        Assert.All(result.Model, s => Assert.Equal(0.5f, s));
        return result;
    }

    /// <summary>
    /// Runs an out-of-part scoring protocol with a memorising fitter and fails when any row was scored by a refit given
    /// that customer or shows a memorised label.
    /// </summary>
    private static (List<float> Scores, List<bool> Churned) AssertNoPartLeak(
        IReadOnlyList<ChurnExample> examples,
        Func<IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, IReadOnlyList<float>>>, (List<float>, List<bool>)> protocol)
    {
        var memoriser = new Memoriser();
        var result = protocol(examples, memoriser.Fit);

        Assert.Equal(0, memoriser.Leaks);
        Assert.All(result.Item1, s => Assert.Equal(0.5f, s));
        return result;
    }

    /// <summary>
    /// A fitter that memorises the labels it is given: it scores a customer it saw by that label and an unseen one 0.5,
    /// and counts every seen customer it is asked to score (a leak).
    /// </summary>
    private sealed class Memoriser
    {
        public int Leaks { get; private set; }

        public Func<IReadOnlyList<ChurnExample>, IReadOnlyList<float>> Fit(IEnumerable<ChurnExample> given)
        {
            var seen = given.ToDictionary(e => e.CustomerId, e => e.Churned, StringComparer.Ordinal);
            return held =>
            {
                Leaks += held.Count(e => seen.ContainsKey(e.CustomerId));
                return held.Select(e => seen.TryGetValue(e.CustomerId, out var churned) ? (churned ? 1f : 0f) : 0.5f).ToList();
            };
        }
    }

    private static List<ChurnExample> Examples(int customers, int seed)
    {
        var rng = new Random(seed);
        var cutoff = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var examples = new List<ChurnExample>();
        var events = new List<Core.Events.CustomerEvent>();
        for (var c = 0; c < customers; c++)
        {
            events.Add(new Core.Events.CustomerEvent { EventId = $"e{c}", Type = Core.Events.EventType.OrderPlaced, CustomerId = $"m{c}", OccurredAt = cutoff.AddDays(-rng.Next(1, 300)), Amount = 10 });
            if (rng.NextDouble() < 0.5)
            {
                events.Add(new Core.Events.CustomerEvent { EventId = $"f{c}", Type = Core.Events.EventType.OrderPlaced, CustomerId = $"m{c}", OccurredAt = cutoff.AddDays(rng.Next(1, 80)), Amount = 10 });
            }
        }

        examples.AddRange(TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = [cutoff], Horizon = TimeSpan.FromDays(90), DataEnd = cutoff.AddDays(100) }).Examples);
        return examples;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
