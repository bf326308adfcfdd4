using Microsoft.ML;
using Realtime.Core.Churn;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// <c>realtime train</c>: history → point-in-time examples → <see cref="ChurnFitProcedure"/> (BG/NBD fitted on the
/// training part fills the BG/NBD features → LightGBM and FastTree candidates → trainer and tree count chosen on
/// validation, Platt-calibrated there) → a report next to the baselines, cross-fitted over every customer with a
/// customer split (<see cref="CrossFitting"/>) or on the holdout of a time split → a new (unpromoted) version folder.
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
        var progress = new TrainingProgress(log, 4, terminal);
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
        Train(set, sourceDescription, options, new TrainingProgress(log, 3), time ?? TimeProvider.System);

    private static TrainingResult Train(TrainingSet set, string source, ChurnTrainingOptions options, TrainingProgress progress, TimeProvider time)
    {
        var method = ChurnSplit.Resolve(set, options.Split);
        var ml = new MLContext(options.Seed);
        var horizon = set.Horizon;
        var now = time.GetUtcNow();
        var version = ModelRegistry.NewVersionName(now);
        Run run = method == ChurnSplitMethod.Customer && options.Folds >= 2
            ? CrossFitted(set, source, options, progress, ml, version)
            : HeldOut(set, source, options, method, progress, ml, version);
        var fitted = run.Fitted;
        var constant = ConstantScore(fitted, set.Examples, horizon);
        if (constant is not null && !options.AllowConstantModel)
        {
            throw new ConstantModelException(
                $"the trained model is constant: it scores every customer {constant:0.000} ({fitted.TrainExamples} training examples, a leaf needs {options.MinimumExamplesPerLeaf}); "
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
            HorizonDays = horizon.TotalDays,
            MinOrders = options.MinOrders,
            Split = method.ToString(),
            TrainExamples = fitted.TrainExamples,
            ValidationExamples = fitted.ValidationExamples,
            HoldoutExamples = run.HoldoutExamples,
            CrossFitFolds = run.CrossFitFolds,
            CrossFittedExamples = run.CrossFitFolds > 0 ? set.Examples.Count : 0,
            Trainer = fitted.Kind.ToString(),
            TrainerParameters = ChurnModelTrainer.Parameters(options, fitted.Trees),
            Candidates = fitted.Candidates,
            RecencyIntercept = fitted.Recency.Intercept,
            RecencySlope = fitted.Recency.Slope,
            ConstantScore = constant,
            BgNbd = fitted.BgNbd,
            Calibration = fitted.Calibration,
            Isotonic = fitted.Isotonic,
        };
        var loaded = new LoadedChurnModel(version, fitted.Forest, fitted.Reference, metadata);
        var report = run.Report(loaded);
        var bgnbdAuc = report.Baselines.TryGetValue("bgnbd", out var b) ? $"{b.RocAuc:0.0000}" : "n/a";
        progress.Note($"ROC AUC {report.Model.RocAuc:0.0000} (recency {report.Baselines["recency"].RocAuc:0.0000}, BG/NBD {bgnbdAuc}), calibration max gap {report.Model.CalibrationMaxGap:0.000}");
        var features = new FeaturesFile
        {
            SchemaVersion = FeatureSchema.Version,
            Names = FeatureSchema.Names,
            Reference = fitted.Reference,
            TreesPerFeature = fitted.Forest.TreesPerFeature(),
        };
        var registry = new ModelRegistry(options.ModelsRoot);
        Directory.CreateDirectory(registry.Root);
        var staging = registry.CreateStaging();
        ChurnModelTrainer.Save(ml, fitted.Model, Path.Combine(staging, ModelFiles.Model));
        ModelFiles.Write(staging, features, metadata, report);
        TrainingCustomers.Of(run.TrainingCustomers).Write(staging);
        var folder = registry.Publish(staging, version);
        progress.Done($"{folder} (not promoted: run `realtime models promote {version}`)");
        return new TrainingResult(version, folder, metadata, report, run.Scores(loaded), IsConstant: constant is not null) { CrossFit = run.CrossFit };
    }

    /// <summary>
    /// The customer-split protocol: the report is K-fold cross-fitted over every customer (<see cref="CrossFitting"/>);
    /// the saved model is the same procedure on every customer (inner split 80/20 by id hash), so it has seen a fifth
    /// more data than each fold's fit that the report measured. One model rather than the fold ensemble: it is what the
    /// scorer, the loader's probe and the contributions already serve, and the folds' fits differ only by which fifth
    /// of the customers they miss.
    /// </summary>
    private static Run CrossFitted(TrainingSet set, string source, ChurnTrainingOptions options, TrainingProgress progress, MLContext ml, string version)
    {
        var horizon = set.Horizon;
        RequireBothOutcomes(set.Examples, "", horizon);
        progress.Stage($"cross-fitting: {options.Folds} folds by customer over {set.Examples.Count} examples (each fit: {string.Join(" and ", options.Trainers)}, trees and calibration chosen on its inner validation part)");
        var fold = 0;
        var crossFit = CrossFitting.Run(set.Examples, options.Folds, (train, validation) =>
        {
            RequireParts(train, validation, set, "cross-fitting fold");
            var fit = ChurnFitProcedure.Fit(ml, train, validation, options, horizon);
            progress.Note(FormattableString.Invariant($"fold {++fold}: {train.Count} train / {validation.Count} validation examples, {fit.Kind} with {fit.Trees} trees, Platt slope {fit.Calibration.Slope:0.000}"));
            return examples => fit.ScoreUnseen(examples, horizon);
        });
        progress.Done($"{crossFit.Examples.Count} examples scored out of fold");
        progress.Stage("fitting the saved model on every customer");
        var (allTrain, allValidation) = CrossFitting.InnerSplit(set.Examples);
        RequireParts(allTrain, allValidation, set, "saved model");
        var fitted = ChurnFitProcedure.Fit(ml, allTrain, allValidation, options, horizon, progress.Note);
        progress.Done($"{fitted.Kind} with {fitted.Trees} trees on {allTrain.Count} examples, calibrated on {allValidation.Count} validation scores and the out-of-part scores of the training examples (a part whose other parts lack an outcome is left out)");
        var evaluatedOn = FormattableString.Invariant($"{crossFit.Folds}-fold cross-fitted out-of-fold scores of all {crossFit.Examples.Count} examples of {source} (each scored by a fit on the other folds)");
        return new Run(
            fitted,
            HoldoutExamples: 0,
            CrossFitFolds: crossFit.Folds,
            TrainingCustomers: set.Examples.Select(e => e.CustomerId),
            Report: loaded => ChurnEvaluation.Report(
                version, evaluatedOn, set.Examples.Select(e => e.Cutoff), horizon, crossFit.Model, crossFit.Baselines, crossFit.Labels,
                $"{options.Calibration} calibration fitted on each fold's inner validation part and out-of-part inner training scores; saved model: " + ChurnEvaluation.Describe(fitted), fitted.Forest.TreesPerFeature()),
            Scores: _ => crossFit.Examples.Select((e, i) => new CustomerScore(e.CustomerId, e.Cutoff, crossFit.Model[i], e.Churned)).ToList())
        {
            CrossFit = crossFit,
        };
    }

    /// <summary>The holdout protocol (a time split, or <c>Folds</c> below 2): fit on train + validation, report on the holdout.</summary>
    private static Run HeldOut(TrainingSet set, string source, ChurnTrainingOptions options, ChurnSplitMethod method, TrainingProgress progress, MLContext ml, string version)
    {
        var split = ChurnSplit.Of(set, method);
        if (split.Train.Count == 0 || split.Validation.Count == 0 || split.Holdout.Count == 0)
        {
            throw new NotEnoughDataException(
                $"{split.Train.Count} train / {split.Validation.Count} validation / {split.Holdout.Count} holdout examples ({split.Method} split of {set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s)): "
                + "every part needs examples; give more history or more customers, a shorter --horizon-days, or --split customer");
        }

        RequireBothOutcomes(split.Train, "training ", set.Horizon);
        progress.Stage($"training {string.Join(" and ", options.Trainers)} on {split.Train.Count} examples ({split.Method} split), trees chosen on {split.Validation.Count} validation examples");
        var fitted = ChurnFitProcedure.Fit(ml, split.Train, split.Validation, options, set.Horizon, progress.Note);
        progress.Done($"{fitted.Kind} with {fitted.Trees} trees");
        progress.Stage($"evaluating {fitted.Kind} on the holdout ({split.Holdout.Count} examples)");
        return new Run(
            fitted,
            HoldoutExamples: split.Holdout.Count,
            CrossFitFolds: 0,
            TrainingCustomers: split.Train.Concat(split.Validation).Select(e => e.CustomerId),
            Report: loaded => ChurnEvaluation.Report(loaded, new Baselines(fitted.Recency, fitted.BgNbd), split.Holdout, $"holdout of {source}", set.Horizon),
            Scores: loaded => ChurnEvaluation.Scores(loaded, split.Holdout));
    }

    private static void RequireParts(IReadOnlyList<ChurnExample> train, IReadOnlyList<ChurnExample> validation, TrainingSet set, string what)
    {
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new NotEnoughDataException(
                $"{train.Count} train / {validation.Count} validation examples for the {what} ({set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s)): "
                + "every part needs examples; give more history or more customers, or a shorter --horizon-days");
        }

        RequireBothOutcomes(train, "training ", set.Horizon);
    }

    private static void RequireBothOutcomes(IReadOnlyList<ChurnExample> examples, string what, TimeSpan horizon)
    {
        if (examples.Count > 0 && (examples.All(e => e.Churned) || examples.All(e => !e.Churned)))
        {
            throw new NotEnoughDataException(
                $"all {examples.Count} {what}examples are {(examples[0].Churned ? "churned" : "retained")}: both outcomes are needed; "
                + $"{(examples[0].Churned ? "use a longer" : "use a shorter")} --horizon-days (now {horizon.TotalDays:0}) or other --cutoffs");
        }
    }

    /// <summary>The one score every example gets, or null when the model tells customers apart.</summary>
    private static double? ConstantScore(FittedChurnModel fitted, IReadOnlyList<ChurnExample> examples, TimeSpan horizon)
    {
        double min = double.MaxValue, max = double.MinValue;
        foreach (var p in fitted.Score(examples, horizon))
        {
            (min, max) = (Math.Min(min, p), Math.Max(max, p));
        }

        return max - min < 1e-9 ? min : null;
    }

    /// <summary>One protocol's fitted model and how it reports: the report and per-example scores need the loaded model.</summary>
    private sealed record Run(
        FittedChurnModel Fitted,
        int HoldoutExamples,
        int CrossFitFolds,
        IEnumerable<string> TrainingCustomers,
        Func<LoadedChurnModel, ModelReport> Report,
        Func<LoadedChurnModel, IReadOnlyList<CustomerScore>> Scores)
    {
        public CrossFitResult? CrossFit { get; init; }
    }
}
