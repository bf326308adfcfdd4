using Realtime.Core.Churn;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// Evaluates a model version on any labelled data (<c>realtime evaluate</c>), next to the recency baseline fitted at
/// training time and the rule baseline the scorer falls back to without a model.
/// </summary>
public static class ChurnEvaluation
{
    /// <summary>Loads and validates <paramref name="versionFolder"/>, builds examples from <paramref name="source"/> and reports.</summary>
    public static ModelReport Evaluate(string versionFolder, IEventSource source, TrainingSetOptions setOptions, TextWriter? log = null)
    {
        var progress = new TrainingProgress(log, 2);
        progress.Stage($"replaying {source.Description}");
        var set = TrainingSetBuilder.Build(source.ReadEvents(), setOptions, progress);
        progress.Done($"{set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s), churn rate {set.ChurnRate:P1}");
        progress.Stage($"scoring with {Path.GetFileName(versionFolder)}");
        var model = ChurnModelLoader.Load(versionFolder);
        var report = Evaluate(model, set.Examples, source.Description, setOptions.Horizon);
        progress.Done($"ROC AUC {report.Model.RocAuc:0.0000}");
        return report;
    }

    /// <summary>Scores labelled examples with a loaded model and the two baselines.</summary>
    public static ModelReport Evaluate(LoadedChurnModel model, IReadOnlyList<ChurnExample> examples, string evaluatedOn, TimeSpan horizon) =>
        Report(model.Version, model.Forest, new RecencyBaseline(model.Metadata.RecencyIntercept, model.Metadata.RecencySlope), examples, evaluatedOn, horizon);

    internal static ModelReport Report(
        string version, CompiledForest forest, RecencyBaseline recency, IReadOnlyList<ChurnExample> examples, string evaluatedOn, TimeSpan horizon)
    {
        var labels = examples.Select(e => e.Churned).ToList();
        var importance = forest.TreesPerFeature();
        return new ModelReport
        {
            Version = version,
            EvaluatedOn = evaluatedOn,
            Cutoffs = examples.Select(e => e.Cutoff).Distinct().Order().ToList(),
            HorizonDays = horizon.TotalDays,
            Model = ChurnMetrics.Compute(examples.Select(e => forest.Predict(e.Features)).ToList(), labels),
            Baselines = new Dictionary<string, BinaryMetrics>(StringComparer.Ordinal)
            {
                ["recency"] = ChurnMetrics.Compute(examples.Select(e => recency.Score(e.Features)).ToList(), labels),
                ["rule"] = ChurnMetrics.Compute(examples.Select(e => BaselineChurnScore.Score(e.Features)).ToList(), labels),
            },
            TopFeatures = Enumerable.Range(0, importance.Length).Where(i => importance[i] > 0)
                .OrderByDescending(i => importance[i]).Take(10).Select(FeatureSchema.NameOf).ToList(),
        };
    }
}
