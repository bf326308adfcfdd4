using Realtime.Core.History;
using Realtime.Scoring.History;
using Realtime.Scoring.Training;

namespace Realtime.Evaluation.Churn;

/// <summary>
/// <c>scripts/eval churn-retail</c>: churn on a line-item purchase log (by default the UCI Online Retail export split by
/// day) exactly as <c>realtime train</c> reads it: invoices grouped into orders, cancellations as returns, rows
/// without a customer skipped. One cutoff (default 2011-06-01), churned = no order in the next <c>--horizon-days</c>
/// (default 90); the figures are <c>--folds</c>-fold cross-fitted by customer (<see cref="CrossFitting"/>), against
/// recency, the rule and BG/NBD. Options: <c>--data-dir</c>, <c>--input</c> (a folder, file or glob of CSV files with
/// Online Retail's columns), <c>--cutoff</c>, <c>--horizon-days</c>, <c>--trees</c>, <c>--folds</c>, <c>--models-dir</c>.
/// </summary>
public static class ChurnRetailEvaluation
{
    public static readonly DateTimeOffset DefaultCutoff = new(2011, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Online Retail's columns, as the docs give them to <c>realtime train</c>.</summary>
    public const string Columns = "customer=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice,product=StockCode,order=InvoiceNo";

    public static int Run(string datasetsRoot, string? input, string? modelsDir, DateTimeOffset? cutoff, int horizonDays, int trees, int folds, TextWriter output)
    {
        var path = input ?? Path.Combine(datasetsRoot, "online-retail", "by-day");
        IReadOnlyList<string> files;
        try
        {
            files = HistoryFiles.Expand([path]);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            output.WriteLine($"purchase log not found at {path}: {ex.Message}");
            return 1;
        }

        var map = CsvColumnMap.Parse(Columns);
        var source = new ConcatenatedEventSource(files.Select(f => (IEventSource)new CsvTransactionSource(f, map)).ToList());
        var at = cutoff ?? DefaultCutoff;
        output.WriteLine(FormattableString.Invariant($"churn-retail: {files.Count} file(s) from {path}, cutoff {at:yyyy-MM-dd}, horizon {horizonDays} days, {folds}-fold cross-fitting by customer"));
        TrainingResult result;
        try
        {
            result = ChurnTraining.Train(source, new ChurnTrainingOptions
            {
                ModelsRoot = modelsDir ?? Path.Combine(Path.GetTempPath(), "realtime-churn-retail-models"),
                Horizon = TimeSpan.FromDays(horizonDays),
                Cutoffs = [at],
                Split = ChurnSplitMethod.Customer,
                NumberOfTrees = trees,
                Folds = folds,
            }, output);
        }
        catch (NotEnoughDataException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }

        var report = result.Report;
        output.Write(ReportRenderer.Summary(report));
        output.WriteLine($"saved model: {result.Metadata.Trainer} with {result.Metadata.TrainerParameters["number_of_trees"]} trees; version folder {result.Folder}");
        foreach (var (name, gain) in report.Gains)
        {
            output.WriteLine(FormattableString.Invariant($"model − {name} ROC AUC: {gain.Gain:+0.0000;-0.0000}, 95% paired-bootstrap interval [{gain.Low:+0.0000;-0.0000}, {gain.High:+0.0000;-0.0000}]"));
        }

        output.WriteLine($"most used features: {string.Join(", ", report.TopFeatures)}");
        output.Write(ReportRenderer.ReliabilityLines(report));
        output.WriteLine(FormattableString.Invariant($"result churn_retail_roc_auc {report.Model.RocAuc:0.0000} ratio"));
        output.Write(ReportRenderer.ResultLines(report));
        output.WriteLine(FormattableString.Invariant($"result churn_evaluated_customers {report.Model.Count} count"));
        return 0;
    }
}
