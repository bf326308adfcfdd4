using Realtime.Core.Churn;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.Evaluation.Churn;

/// <summary>
/// <c>scripts/eval churn-cdnow</c>: churn on the CDNOW log with the dataset's standard protocol. Calibration = the first
/// 39 weeks (1997-01-01..1997-09-30), features as of the end of 1997-09-30; churned = no purchase in the next 39 weeks
/// (to 1998-06-30). With a single cutoff, customers are split by a stable id hash: 60% train, 20% validation (trainer
/// The figures are 5-fold cross-fitted by customer (<see cref="CrossFitting"/>): every customer is scored by a fit
/// (BG/NBD, trainer, tree count, calibration) on the other four fifths. A second run trains on an earlier cutoff
/// (1997-06-30, same 39-week horizon) with the 60/20/20 holdout split and scores its untouched 20 % holdout customers at
/// the standard cutoff: the "retrain on the past, score the present" route.
/// BG/NBD's P(no purchase in the horizon) is a baseline beside recency and the rule; the gain over the best of them
/// carries a 95% paired-bootstrap interval, and the reliability table (deciles) its largest gap.
/// Options: <c>--data-dir</c>, <c>--models-dir</c> (default: a temp folder),
/// <c>--trees</c>.
/// </summary>
public static class ChurnCdnowEvaluation
{
    private static readonly DateTimeOffset s_cutoff = new(1997, 9, 30, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset s_dataEnd = new(1998, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_earlyCutoff = new(1997, 6, 30, 23, 59, 59, TimeSpan.Zero);
    private static readonly TimeSpan s_horizon = s_dataEnd - s_cutoff - TimeSpan.FromSeconds(1);

    public static int Run(string datasetsRoot, string? modelsDir, int trees, TextWriter output)
    {
        var path = Path.Combine(datasetsRoot, "cdnow", "CDNOW_master.txt");
        if (!File.Exists(path))
        {
            output.WriteLine($"CDNOW log not found at {path}");
            return 1;
        }

        var modelsRoot = modelsDir ?? Path.Combine(Path.GetTempPath(), "realtime-churn-cdnow-models");
        var source = new CdnowEventSource(path);
        var both = TrainingSetBuilder.Build(
            source.ReadEvents(), new TrainingSetOptions { Cutoffs = [s_earlyCutoff, s_cutoff], Horizon = s_horizon, DataEnd = s_dataEnd });
        var set = Only(both, s_cutoff);
        output.WriteLine($"cdnow: {set.EventCount} orders (same-day merged), {set.Examples.Count} customers at {s_cutoff:yyyy-MM-dd}, churn rate {set.ChurnRate:P1}, horizon {s_horizon.TotalDays:0.#} days");

        var options = new ChurnTrainingOptions
        {
            ModelsRoot = modelsRoot,
            Horizon = s_horizon,
            Split = ChurnSplitMethod.Customer,
            NumberOfTrees = trees,
        };
        var result = ChurnTraining.Train(set, source.Description, options, output);
        var report = result.Report;
        output.Write(ReportRenderer.Summary(report));
        output.WriteLine($"chosen trainer {result.Metadata.Trainer}; version folder {result.Folder}");

        Print(output, "churn", report.Model);
        foreach (var (name, metrics) in report.Baselines)
        {
            Print(output, $"baseline_{name}", metrics);
        }

        var recency = report.Gains["recency"];
        output.WriteLine(FormattableString.Invariant($"model − recency ROC AUC: {recency.Gain:+0.0000;-0.0000}, 95% paired-bootstrap interval [{recency.Low:+0.0000;-0.0000}, {recency.High:+0.0000;-0.0000}]"));
        output.WriteLine(FormattableString.Invariant($"result churn_auc_gain_over_recency {recency.Gain:0.0000} ratio"));
        output.WriteLine(FormattableString.Invariant($"result churn_auc_gain_over_recency_ci_low {recency.Low:0.0000} ratio"));
        if (report.GainOverBestBaseline is { } gain)
        {
            output.WriteLine(FormattableString.Invariant($"model − best baseline ({gain.Baseline}) ROC AUC: {gain.Gain:+0.0000;-0.0000}, 95% paired-bootstrap interval [{gain.Low:+0.0000;-0.0000}, {gain.High:+0.0000;-0.0000}]"));
        }

        output.Write(ReportRenderer.ReliabilityLines(report));
        output.Write(ReportRenderer.ResultLines(report));

        // Earlier cutoff: train at 1997-06-30 (labels to 1998-03-31), then score the untouched holdout customers at 1997-09-30.
        // The holdout protocol (Folds = 1) here: the customers it scores must be ones the early model never saw.
        var holdout = ChurnSplit.Of(set, ChurnSplitMethod.Customer).Holdout;
        var early = ChurnTraining.Train(Only(both, s_earlyCutoff), source.Description, new ChurnTrainingOptions
        {
            ModelsRoot = modelsRoot,
            Horizon = s_horizon,
            Split = ChurnSplitMethod.Customer,
            NumberOfTrees = trees,
            Folds = 1,
        }, output);
        var shifted = ChurnEvaluation.Evaluate(ChurnModelLoader.Load(early.Folder), holdout, "cdnow holdout customers at 1997-09-30", s_horizon);
        Print(output, "churn_shifted", shifted.Model);

        output.WriteLine(FormattableString.Invariant($"result churn_evaluated_customers {report.Model.Count} count"));
        output.WriteLine(FormattableString.Invariant($"result churn_evaluated_churn_rate {report.Model.BaseRate:0.0000} ratio"));
        return 0;
    }

    private static TrainingSet Only(TrainingSet set, DateTimeOffset cutoff) => new()
    {
        Examples = set.At(cutoff),
        Cutoffs = [cutoff],
        Horizon = set.Horizon,
        DataStart = set.DataStart,
        DataEnd = set.DataEnd,
        EventCount = set.EventCount,
        CustomerCount = set.CustomerCount,
    };

    private static void Print(TextWriter output, string prefix, BinaryMetrics m)
    {
        output.WriteLine(FormattableString.Invariant($"result {prefix}_roc_auc {m.RocAuc:0.0000} ratio"));
        output.WriteLine(FormattableString.Invariant($"result {prefix}_pr_auc {m.PrAuc:0.0000} ratio"));
        output.WriteLine(FormattableString.Invariant($"result {prefix}_brier {m.Brier:0.0000} score"));
        output.WriteLine(FormattableString.Invariant($"result {prefix}_log_loss {m.LogLoss:0.0000} nats"));
        output.WriteLine(FormattableString.Invariant($"result {prefix}_top_decile_lift {m.TopDecileLift:0.000} ratio"));
    }
}
