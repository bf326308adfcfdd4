using System.Diagnostics;
using Microsoft.ML;
using Realtime.Core.Churn;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// <c>realtime train</c>: history → point-in-time examples → BG/NBD fitted on the training part fills the BG/NBD
/// features → LightGBM and FastTree candidates → the better one on validation, Platt-calibrated there → holdout report
/// next to the baselines → a new (unpromoted) version folder in the registry.
/// </summary>
public static class ChurnTraining
{
    /// <summary>
    /// Replays <paramref name="source"/> at the planned cutoffs and trains (progress on <paramref name="log"/>, a live
    /// counter on <paramref name="terminal"/>). Throws <see cref="NotEnoughDataException"/> saying what to change when the
    /// history cannot be labelled as asked, and <see cref="ConstantModelException"/> for a model that scores everyone alike.
    /// </summary>
    public static TrainingResult Train(IEventSource source, ChurnTrainingOptions options, TextWriter? log = null, TimeProvider? time = null, TextWriter? terminal = null)
    {
        var progress = new TrainingProgress(log, 3 + options.Trainers.Count, terminal);
        progress.Stage($"replaying {source.Description}");
        var history = ObservedHistory.Read(source, progress);
        var (events, start) = (history.Events, history.FirstEvent);
        var end = options.DataEnd ?? history.LastEvent;
        var cutoffs = options.Cutoffs ?? CutoffPlan.Backtest(start, end, options.Horizon, options.MaxCutoffs);
        LabelWindows.Check(start, end, cutoffs, options.Horizon, planned: options.Cutoffs is null);
        progress.CountOf(events.Count, "events replayed");
        var set = TrainingSetBuilder.Build(
            events, new TrainingSetOptions { Cutoffs = cutoffs, Horizon = options.Horizon, MinOrders = options.MinOrders, DataEnd = end }, progress);
        progress.Done($"{set.EventCount} events, {set.CustomerCount} customers, {set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s), churn rate {set.ChurnRate:P1}");
        return Train(set, source.Description, options, progress, time ?? TimeProvider.System);
    }

    /// <summary>Trains on an already built training set (e.g. an evaluation harness's own cutoffs).</summary>
    public static TrainingResult Train(TrainingSet set, string sourceDescription, ChurnTrainingOptions options, TextWriter? log = null, TimeProvider? time = null) =>
        Train(set, sourceDescription, options, new TrainingProgress(log, 2 + options.Trainers.Count), time ?? TimeProvider.System);

    private static TrainingResult Train(TrainingSet set, string source, ChurnTrainingOptions options, TrainingProgress progress, TimeProvider time)
    {
        var split = ChurnSplit.Of(set, options.Split);
        if (split.Train.Count == 0 || split.Validation.Count == 0 || split.Holdout.Count == 0)
        {
            throw new NotEnoughDataException(
                $"{split.Train.Count} train / {split.Validation.Count} validation / {split.Holdout.Count} holdout examples ({split.Method} split of {set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s)): "
                + "every part needs examples; give more history or more customers, a shorter --horizon-days, or --split customer");
        }

        if (split.Train.All(e => e.Churned) || split.Train.All(e => !e.Churned))
        {
            throw new NotEnoughDataException(
                $"all {split.Train.Count} training examples are {(split.Train[0].Churned ? "churned" : "retained")}: both outcomes are needed; "
                + $"{(split.Train[0].Churned ? "use a longer" : "use a shorter")} --horizon-days (now {set.Horizon.TotalDays:0}) or other --cutoffs");
        }

        // Point in time: BG/NBD is fitted on the training examples' own (x, tₓ, T) at their cutoffs, then those
        // parameters fill the BG/NBD features of every part (validation and holdout never shape them).
        var bgnbd = BgNbdBaseline.Fit(split.Train);
        foreach (var e in split.Train.Concat(split.Validation).Concat(split.Holdout))
        {
            ChurnModelFeatures.Fill(e.Features, bgnbd, set.Horizon.TotalDays);
        }

        var ml = new MLContext(options.Seed);
        var candidates = new List<(ChurnTrainerKind Kind, ITransformer Model, CompiledForest Forest, CandidateResult Result)>();
        foreach (var kind in options.Trainers)
        {
            progress.Stage($"training {kind} on {split.Train.Count} examples ({split.Method} split)");
            var clock = Stopwatch.StartNew();
            var model = ChurnModelTrainer.Fit(ml, kind, split.Train, options);
            var forest = CompiledForest.From(model, FeatureSchema.Count);
            var validation = ChurnMetrics.Compute(split.Validation.Select(e => forest.Predict(e.Features)).ToList(), split.Validation.Select(e => e.Churned).ToList());
            candidates.Add((kind, model, forest, new CandidateResult(kind.ToString(), validation.RocAuc, validation.LogLoss, clock.Elapsed.TotalSeconds)));
            progress.Done($"validation ROC AUC {validation.RocAuc:0.0000}, log loss {validation.LogLoss:0.0000}");
        }

        var best = candidates.OrderByDescending(c => c.Result.ValidationRocAuc).ThenBy(c => c.Result.ValidationLogLoss).First();
        progress.Stage($"evaluating {best.Kind} on the holdout ({split.Holdout.Count} examples)");
        var calibration = PlattCalibration.Fit(split.Validation.Select(e => best.Forest.Predict(e.Features)).ToList(), split.Validation.Select(e => e.Churned).ToList());
        var now = time.GetUtcNow();
        var registry = new ModelRegistry(options.ModelsRoot);
        var version = ModelRegistry.NewVersionName(now);
        var recency = RecencyBaseline.Fit(split.Train);
        var constant = ConstantScore(best.Forest, split);
        if (constant is not null && !options.AllowConstantModel)
        {
            throw new ConstantModelException(
                $"the trained model is constant: it scores every customer {constant:0.000} ({split.Train.Count} training examples, a leaf needs {options.MinimumExamplesPerLeaf}); "
                + "not registered: train on more customers or a longer history, or pass --force to keep it anyway");
        }

        progress.Stage("writing the version folder");
        var metadata = new ModelMetadata
        {
            Version = version,
            CreatedAt = now,
            FeatureSchemaVersion = FeatureSchema.Version,
            Source = source,
            DataStart = set.DataStart,
            DataEnd = set.DataEnd,
            EventCount = set.EventCount,
            Cutoffs = set.Cutoffs,
            HorizonDays = set.Horizon.TotalDays,
            MinOrders = options.MinOrders,
            Split = split.Method.ToString(),
            TrainExamples = split.Train.Count,
            ValidationExamples = split.Validation.Count,
            HoldoutExamples = split.Holdout.Count,
            Trainer = best.Kind.ToString(),
            TrainerParameters = ChurnModelTrainer.Parameters(options),
            Candidates = candidates.Select(c => c.Result).ToList(),
            RecencyIntercept = recency.Intercept,
            RecencySlope = recency.Slope,
            ConstantScore = constant,
            BgNbd = bgnbd,
            Calibration = calibration,
        };
        var reference = Medians(split.Train);
        var loaded = new LoadedChurnModel(version, best.Forest, reference, metadata);
        var report = ChurnEvaluation.Report(loaded, new Baselines(recency, bgnbd), split.Holdout, $"holdout of {source}", set.Horizon);
        var bgnbdAuc = report.Baselines.TryGetValue("bgnbd", out var b) ? $"{b.RocAuc:0.0000}" : "n/a";
        progress.Done($"ROC AUC {report.Model.RocAuc:0.0000} (recency {report.Baselines["recency"].RocAuc:0.0000}, BG/NBD {bgnbdAuc}), calibration max gap {report.Model.CalibrationMaxGap:0.000}");
        var features = new FeaturesFile
        {
            SchemaVersion = FeatureSchema.Version,
            Names = FeatureSchema.Names,
            Reference = reference,
            TreesPerFeature = best.Forest.TreesPerFeature(),
        };
        Directory.CreateDirectory(registry.Root);
        var staging = registry.CreateStaging();
        ChurnModelTrainer.Save(ml, best.Model, Path.Combine(staging, ModelFiles.Model));
        ModelFiles.Write(staging, features, metadata, report);
        TrainingCustomers.Of(split.Train.Concat(split.Validation).Select(e => e.CustomerId)).Write(staging);
        var folder = registry.Publish(staging, version);
        progress.Done($"{folder} (not promoted: run `realtime models promote {version}`)");
        return new TrainingResult(version, folder, metadata, report, ChurnEvaluation.Scores(loaded, split.Holdout), IsConstant: constant is not null);
    }

    /// <summary>The one score every example gets, or null when the model tells customers apart.</summary>
    private static double? ConstantScore(CompiledForest forest, ChurnSplit split)
    {
        double min = double.MaxValue, max = double.MinValue;
        foreach (var e in split.Train.Concat(split.Validation).Concat(split.Holdout))
        {
            var p = forest.Predict(e.Features);
            (min, max) = (Math.Min(min, p), Math.Max(max, p));
        }

        return max - min < 1e-9 ? min : null;
    }

    private static float[] Medians(IReadOnlyList<ChurnExample> examples)
    {
        var medians = new float[FeatureSchema.Count];
        var column = new float[examples.Count];
        for (var f = 0; f < FeatureSchema.Count; f++)
        {
            for (var i = 0; i < examples.Count; i++)
            {
                column[i] = examples[i].Features[f];
            }

            Array.Sort(column);
            medians[f] = column.Length == 0 ? 0 : column[column.Length / 2];
        }

        return medians;
    }
}
