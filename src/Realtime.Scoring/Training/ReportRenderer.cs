using System.Globalization;
using System.Text;

namespace Realtime.Scoring.Training;

/// <summary>Renders a <see cref="ModelReport"/> as <c>report.md</c> for people reviewing a version before promoting it.</summary>
public static class ReportRenderer
{
    public static string Markdown(ModelReport report)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Churn model {report.Version}");
        md.AppendLine();
        md.AppendLine(inv, $"Evaluated on: {report.EvaluatedOn}; horizon {report.HorizonDays:0} days; cutoffs {string.Join(", ", report.Cutoffs.Select(c => c.ToString("yyyy-MM-dd", inv)))}; {report.Model.Count} customers, churn rate {report.Model.BaseRate:P1}.");
        md.AppendLine();
        md.AppendLine("| scorer | ROC AUC | PR AUC | log loss | Brier | top-decile lift | top-decile recall |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        Row(md, "model", report.Model);
        foreach (var (name, metrics) in report.Baselines)
        {
            Row(md, "baseline: " + name, metrics);
        }

        md.AppendLine();
        if (report.GainOverBestBaseline is { } gain)
        {
            md.AppendLine(inv, $"ROC AUC gain over the best baseline ({gain.Baseline}): {gain.Gain:+0.0000;-0.0000}, 95% paired-bootstrap interval [{gain.Low:+0.0000;-0.0000}, {gain.High:+0.0000;-0.0000}].");
            md.AppendLine();
        }

        md.AppendLine(inv, $"## Reliability (model, deciles by score; calibration: {report.Calibration})");
        md.AppendLine();
        md.AppendLine("| decile | customers | mean predicted | observed churn | gap |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var d in report.Model.Reliability)
        {
            md.AppendLine(inv, $"| {d.Decile} | {d.Count} | {d.MeanPredicted:0.000} | {d.ObservedRate:0.000} | {d.Gap:0.000} |");
        }

        md.AppendLine();
        md.AppendLine(inv, $"Largest gap: {report.Model.CalibrationMaxGap:0.000}.");
        md.AppendLine();
        md.AppendLine("## Calibration (model, 10 bins)");
        md.AppendLine();
        md.AppendLine("| score bin | customers | mean predicted | observed churn |");
        md.AppendLine("|---|---|---|---|");
        foreach (var bin in report.Model.Calibration)
        {
            md.AppendLine(inv, $"| {bin.Low:0.0}–{bin.High:0.0} | {bin.Count} | {bin.MeanPredicted:0.000} | {bin.ObservedRate:0.000} |");
        }

        md.AppendLine();
        md.AppendLine(inv, $"Most used features: {string.Join(", ", report.TopFeatures)}.");
        return md.ToString();
    }

    /// <summary>A one-screen console summary of the same figures.</summary>
    public static string Summary(ModelReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"scorer",-18} {"ROC AUC",8} {"PR AUC",8} {"logloss",8} {"Brier",8} {"lift@10",8}");
        void Line(string name, BinaryMetrics m) =>
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-18} {m.RocAuc,8:0.0000} {m.PrAuc,8:0.0000} {m.LogLoss,8:0.0000} {m.Brier,8:0.0000} {m.TopDecileLift,8:0.00}");
        Line("model", report.Model);
        foreach (var (name, metrics) in report.Baselines)
        {
            Line("baseline " + name, metrics);
        }

        if (report.GainOverBestBaseline is { } gain)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"gain over {gain.Baseline}: {gain.Gain:+0.0000;-0.0000} ROC AUC, 95% CI [{gain.Low:+0.0000;-0.0000}, {gain.High:+0.0000;-0.0000}]");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"calibration: largest decile gap {report.Model.CalibrationMaxGap:0.000} ({report.Calibration})");
        return text.ToString();
    }

    /// <summary>
    /// The report's machine-readable lines (<c>result NAME VALUE UNIT</c>, as every harness prints them):
    /// <c>churn_bgnbd_roc_auc</c>, <c>churn_auc_gain_over_best_baseline</c> and its
    /// <c>_ci_low</c>, <c>churn_calibration_max_gap</c>.
    /// </summary>
    public static string ResultLines(ModelReport report)
    {
        var text = new StringBuilder();
        void Line(string name, double value) => text.AppendLine(CultureInfo.InvariantCulture, $"result {name} {value:0.0000} ratio");
        if (report.Baselines.TryGetValue("bgnbd", out var bgnbd))
        {
            Line("churn_bgnbd_roc_auc", bgnbd.RocAuc);
        }

        if (report.GainOverBestBaseline is { } gain)
        {
            Line("churn_auc_gain_over_best_baseline", gain.Gain);
            Line("churn_auc_gain_over_best_baseline_ci_low", gain.Low);
        }

        Line("churn_calibration_max_gap", report.Model.CalibrationMaxGap);
        return text.ToString();
    }

    /// <summary>The reliability table as plain lines (deciles by score, lowest first).</summary>
    public static string ReliabilityLines(ModelReport report)
    {
        var text = new StringBuilder();
        foreach (var d in report.Model.Reliability)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"reliability decile {d.Decile}: {d.Count} customers, predicted {d.MeanPredicted:0.000}, observed {d.ObservedRate:0.000}, gap {d.Gap:0.000}");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder md, string name, BinaryMetrics m) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {m.RocAuc:0.0000} | {m.PrAuc:0.0000} | {m.LogLoss:0.0000} | {m.Brier:0.0000} | {m.TopDecileLift:0.00} | {m.TopDecileRecall:P1} |");
}
