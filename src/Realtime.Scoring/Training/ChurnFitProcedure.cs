using Microsoft.ML;
using Realtime.Core.Churn;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// The whole fitting procedure on one training part and one validation part, and nothing else: BG/NBD on the training
/// part (it fills the BG/NBD features of copies of both parts' vectors: the examples themselves are never changed, so
/// one fit cannot leak into another's inputs), every candidate trainer on the training part, the number of trees
/// (a multiple of <see cref="TreeStep"/> up to <see cref="ChurnTrainingOptions.NumberOfTrees"/>) and the trainer chosen
/// by validation ROC AUC, the chosen model refitted at that size, and the calibration (Platt, or isotonic when asked)
/// fitted on the validation part.
/// Cross-fitting runs it once per fold on the other folds; the saved model runs it on every customer.
/// </summary>
internal static class ChurnFitProcedure
{
    /// <summary>Tree counts tried: every multiple of this up to the option's most.</summary>
    public const int TreeStep = 10;

    public static FittedChurnModel Fit(
        MLContext ml, IReadOnlyList<ChurnExample> train, IReadOnlyList<ChurnExample> validation, ChurnTrainingOptions options, TimeSpan horizon, Action<string>? log = null)
    {
        var bgnbd = BgNbdBaseline.Fit(train);
        var (trainX, trainY) = Filled(train, bgnbd, horizon);
        var (validationX, validationY) = Filled(validation, bgnbd, horizon);
        var candidates = new List<(ChurnTrainerKind Kind, ITransformer Model, int Trees, CandidateResult Result)>();
        foreach (var kind in options.Trainers)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = ChurnModelTrainer.Fit(ml, kind, trainX, trainY, options, options.NumberOfTrees);
            var (trees, auc, logLoss) = BestTreeCount(CompiledForest.From(model, FeatureSchema.Count), validationX, validationY);
            candidates.Add((kind, model, trees, new CandidateResult(kind.ToString(), auc, logLoss, clock.Elapsed.TotalSeconds) { Trees = trees }));
            log?.Invoke(FormattableString.Invariant($"{kind}: validation ROC AUC {auc:0.0000} at {trees} of {options.NumberOfTrees} trees"));
        }

        var best = candidates.OrderByDescending(c => c.Result.ValidationRocAuc).ThenBy(c => c.Trees).First();
        var fitted = CompiledForest.From(best.Model, FeatureSchema.Count).TreeCount;
        // Refit at the chosen size (the same seed grows the same first trees); no tree beating none means the trainer
        // found no split worth making: keep what it grew, the constant-model check then speaks.
        var chosen = best.Trees == 0 || best.Trees >= fitted ? best.Model : ChurnModelTrainer.Fit(ml, best.Kind, trainX, trainY, options, best.Trees);
        var forest = CompiledForest.From(chosen, FeatureSchema.Count);
        var (raw, observed) = CalibrationRows(ml, train, validationX, validationY, forest, best.Kind, best.Trees, options, horizon);
        var calibration = PlattCalibration.Fit(raw, observed);
        var isotonic = options.Calibration == ChurnCalibrationKind.Isotonic ? IsotonicCalibration.Fit(raw, observed) : null;
        return new FittedChurnModel(
            best.Kind, chosen, forest, forest.TreeCount, bgnbd, calibration, isotonic, RecencyBaseline.Fit(train), Medians(trainX),
            candidates.Select(c => c.Result).ToList(), train.Count, validation.Count);
    }

    /// <summary>
    /// The raw scores and outcomes the calibration is fitted on: the chosen forest's scores of the validation part, and
    /// out-of-part scores of every training example from <see cref="OutOfPartScores"/>: refits of the chosen
    /// configuration (trainer, tree count, BG/NBD refitted too) on the other parts of the training part. The
    /// validation part alone is a fifth of the customers (~450 on Online Retail, ~45 a decile): too few for a
    /// calibration that must hold within 0.05 in every decile. Every row is still scored by a fit that never saw it,
    /// and nothing outside the training and validation parts is touched.
    /// </summary>
    private static (List<float> Raw, List<bool> Churned) CalibrationRows(
        MLContext ml, IReadOnlyList<ChurnExample> train, float[][] validationX, bool[] validationY, CompiledForest forest,
        ChurnTrainerKind kind, int trees, ChurnTrainingOptions options, TimeSpan horizon)
    {
        var raw = validationX.Select(f => forest.Predict(f)).ToList();
        var churned = validationY.ToList();
        if (trees == 0)
        {
            return (raw, churned);
        }

        var (outOfPart, outOfPartChurned) = OutOfPartScores.Score(train, rest =>
        {
            var bgnbd = BgNbdBaseline.Fit(rest);
            var (restX, restY) = Filled(rest, bgnbd, horizon);
            var partForest = CompiledForest.From(ChurnModelTrainer.Fit(ml, kind, restX, restY, options, trees), FeatureSchema.Count);
            return held => Filled(held, bgnbd, horizon).Features.Select(f => partForest.Predict(f)).ToList();
        });
        raw.AddRange(outOfPart);
        churned.AddRange(outOfPartChurned);
        return (raw, churned);
    }

    /// <summary>Copies of the vectors with the model-dependent features filled for these parameters, and the labels.</summary>
    private static (float[][] Features, bool[] Churned) Filled(IReadOnlyList<ChurnExample> examples, Core.Lifecycle.Clv.BgNbdParameters? bgnbd, TimeSpan horizon)
    {
        var features = new float[examples.Count][];
        for (var i = 0; i < examples.Count; i++)
        {
            features[i] = (float[])examples[i].Features.Clone();
            ChurnModelFeatures.Fill(features[i], bgnbd, horizon.TotalDays);
        }

        return (features, examples.Select(e => e.Churned).ToArray());
    }

    /// <summary>
    /// The prefix of the ensemble (a multiple of <see cref="TreeStep"/> trees, or all of them; 0 when no prefix ranks
    /// better than none) with the best validation ROC AUC, the smallest on a tie, and that prefix's validation log loss:
    /// early stopping on the validation part, never on data that is scored later.
    /// </summary>
    private static (int Trees, double RocAuc, double LogLoss) BestTreeCount(CompiledForest forest, float[][] features, bool[] churned)
    {
        var sums = new double[features.Length];
        var scores = features.Select(_ => forest.PredictFromTrees(0)).ToArray();
        var constant = ChurnMetrics.Compute(scores, churned); // no tree at all: what a model that cannot split scores
        var (best, bestAuc, bestLogLoss) = (0, constant.RocAuc, constant.LogLoss);
        for (var from = 0; from < forest.TreeCount; from += TreeStep)
        {
            var to = Math.Min(from + TreeStep, forest.TreeCount);
            for (var i = 0; i < features.Length; i++)
            {
                sums[i] += forest.PartialMargin(features[i], from, to);
                scores[i] = forest.PredictFromTrees(sums[i]);
            }

            var metrics = ChurnMetrics.Compute(scores, churned);
            if (metrics.RocAuc > bestAuc + 1e-9)
            {
                (best, bestAuc, bestLogLoss) = (to, metrics.RocAuc, metrics.LogLoss);
            }
        }

        return (best, bestAuc, bestLogLoss);
    }

    private static float[] Medians(float[][] examples)
    {
        var medians = new float[FeatureSchema.Count];
        var column = new float[examples.Length];
        for (var f = 0; f < FeatureSchema.Count; f++)
        {
            for (var i = 0; i < examples.Length; i++)
            {
                column[i] = examples[i][f];
            }

            Array.Sort(column);
            medians[f] = column.Length == 0 ? 0 : column[column.Length / 2];
        }

        return medians;
    }
}
