using System.Globalization;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Tests;

/// <summary><c>train</c> (cross-fitted, one cutoff) and <c>evaluate</c> print the result lines and the reliability deciles.</summary>
public sealed class ChurnResultLinesTests : IDisposable
{
    private static readonly string[] s_resultNames =
        ["churn_bgnbd_roc_auc", "churn_auc_gain_over_best_baseline", "churn_auc_gain_over_best_baseline_ci_low", "churn_calibration_max_gap"];

    private readonly string _dir = Directory.CreateTempSubdirectory("rt-churn-results-").FullName;

    [Fact]
    public void Train_and_evaluate_print_the_result_lines_and_ten_reliability_deciles()
    {
        var events = SyntheticHistory.Generate(customers: 1500, days: 600, seed: 5);
        var csv = OrderCsv.WriteOne(Path.Combine(_dir, "orders.csv"), events);
        var models = Path.Combine(_dir, "models");
        var cutoff = SyntheticHistory.Start.AddDays(450).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scores = Path.Combine(_dir, "scores.csv");

        var train = ChurnCommandLine.Run("train", "--input", csv, "--models", models, "--cutoffs", cutoff, "--trees", "60", "--promote", "--scores-out", scores);
        var evaluate = ChurnCommandLine.Run("evaluate", "--input", csv, "--models", models, "--cutoffs", cutoff);

        Assert.True(train.Exit == 0, train.Output + train.Error);
        Assert.True(evaluate.Exit == 0, evaluate.Output + evaluate.Error);
        foreach (var run in new[] { train, evaluate })
        {
            foreach (var name in s_resultNames)
            {
                Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $"^result {name} -?\\d+\\.\\d{{4}} ratio$"));
            }

            Assert.Equal(10, run.OutputLines.Count(l => l.StartsWith("reliability decile ", StringComparison.Ordinal)));
        }

        // Cross-fitted: every customer with an order by the cutoff is scored out of fold, and the version says so.
        var metadata = ModelFiles.ReadMetadata(Assert.Single(new ModelRegistry(models).List()).Path);
        Assert.Equal(5, metadata.CrossFitFolds);
        Assert.Equal(metadata.CrossFittedExamples, File.ReadAllLines(scores).Length - 1);
        Assert.Equal(metadata.CrossFittedExamples, metadata.TrainExamples + metadata.ValidationExamples);
        Assert.Contains(train.OutputLines, l => l.StartsWith($"wrote {metadata.CrossFittedExamples} out-of-fold scores", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
