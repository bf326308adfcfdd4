using Realtime.Core.Churn;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Training;

/// <summary>
/// Evaluates a model version on any labelled data (<c>realtime evaluate</c>), next to the recency and BG/NBD baselines
/// fitted at training time and the rule baseline the scorer falls back to without a model.
/// </summary>
public static class ChurnEvaluation
{
    /// <summary>
    /// Loads and validates <paramref name="versionFolder"/>, builds examples from <paramref name="source"/> and reports.
    /// Cutoffs default to one: the data end minus the horizon. Throws <see cref="NotEnoughDataException"/> saying what
    /// to change when no example can be labelled.
    /// </summary>
    public static EvaluationResult Evaluate(
        string versionFolder, IEventSource source, TimeSpan horizon, IReadOnlyList<DateTimeOffset>? cutoffs = null, DateTimeOffset? dataEnd = null,
        TextWriter? log = null, TextWriter? terminal = null)
    {
        var progress = new TrainingProgress(log, 2, terminal);
        progress.Stage($"replaying {source.Description}");
        var history = ObservedHistory.Read(source, progress);
        var (events, start) = (history.Events, history.FirstEvent);
        var end = dataEnd ?? history.LastEvent;
        var planned = cutoffs is null;
        cutoffs ??= end - horizon > start ? [end - horizon] : [];
        LabelWindows.Check(start, end, cutoffs, horizon, planned);
        progress.CountOf(events.Count, "events replayed");
        var set = TrainingSetBuilder.Build(events, new TrainingSetOptions { Cutoffs = cutoffs, Horizon = horizon, DataEnd = end }, progress);
        if (set.Examples.Count == 0)
        {
            throw new NotEnoughDataException($"no customer has an order by the cutoff(s) {string.Join(", ", cutoffs.Select(c => c.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))} (history from {start:yyyy-MM-dd}): use later --cutoffs or a shorter --horizon-days");
        }

        progress.Done($"{set.Examples.Count} examples at {set.Cutoffs.Count} cutoff(s), churn rate {set.ChurnRate:P1}");
        progress.Stage($"scoring with {Path.GetFileName(versionFolder)}");
        var model = ChurnModelLoader.Load(versionFolder);
        var report = Evaluate(model, set.Examples, source.Description, horizon);
        progress.Done($"ROC AUC {report.Model.RocAuc:0.0000}");
        var evaluated = set.Examples.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        var seen = TrainingCustomers.Read(versionFolder) is { } trained ? evaluated.Count(trained.Contains) : (int?)null;
        return new EvaluationResult(report, Scores(model, set.Examples), evaluated.Count, seen);
    }

    /// <summary>The model's (calibrated) score and the label of every example; fills the examples' model-dependent features first.</summary>
    public static IReadOnlyList<CustomerScore> Scores(LoadedChurnModel model, IReadOnlyList<ChurnExample> examples) =>
        examples.Select(e =>
        {
            model.FillFeatures(e.Features);
            return new CustomerScore(e.CustomerId, e.Cutoff, model.Predict(e.Features), e.Churned);
        }).ToList();

    /// <summary>
    /// Scores labelled examples with a loaded model (its features filled with its own BG/NBD parameters) and the
    /// baselines: recency and BG/NBD as fitted at training time, the rule as served without a model.
    /// </summary>
    public static ModelReport Evaluate(LoadedChurnModel model, IReadOnlyList<ChurnExample> examples, string evaluatedOn, TimeSpan horizon)
    {
        var baselines = new Baselines(new RecencyBaseline(model.Metadata.RecencyIntercept, model.Metadata.RecencySlope), model.Metadata.BgNbd);
        return Report(model, baselines, examples, evaluatedOn, horizon);
    }

    internal static ModelReport Report(LoadedChurnModel model, Baselines baselines, IReadOnlyList<ChurnExample> examples, string evaluatedOn, TimeSpan horizon)
    {
        var scores = examples.Select(e =>
        {
            model.FillFeatures(e.Features);
            return model.Predict(e.Features);
        }).ToList();
        var calibration = model.Metadata.Isotonic is { } isotonic ? Describe(isotonic) : model.Metadata.Calibration is { } platt ? Describe(platt) : "none";
        return Report(
            model.Version, evaluatedOn, examples.Select(e => e.Cutoff), horizon, scores, baselines.Score(examples, horizon), examples.Select(e => e.Churned).ToList(),
            calibration, model.Forest.TreesPerFeature());
    }

    /// <summary>The report of already computed scores: metrics of each, the gain over the best baseline with its paired-bootstrap interval.</summary>
    internal static ModelReport Report(
        string version, string evaluatedOn, IEnumerable<DateTimeOffset> cutoffs, TimeSpan horizon, IReadOnlyList<float> scores,
        IReadOnlyDictionary<string, IReadOnlyList<float>> baselineScores, IReadOnlyList<bool> labels, string calibration, int[] importance)
    {
        var metrics = baselineScores.ToDictionary(b => b.Key, b => ChurnMetrics.Compute(b.Value, labels), StringComparer.Ordinal);
        var modelMetrics = ChurnMetrics.Compute(scores, labels);
        var best = metrics.MaxBy(b => b.Value.RocAuc).Key;
        var intervals = PairedBootstrap.AucDifferences(scores, baselineScores, labels);
        var gains = metrics.ToDictionary(b => b.Key, b => new AucGain(b.Key, modelMetrics.RocAuc - b.Value.RocAuc, intervals[b.Key].Low, intervals[b.Key].High), StringComparer.Ordinal);
        return new ModelReport
        {
            Version = version,
            EvaluatedOn = evaluatedOn,
            Cutoffs = cutoffs.Distinct().Order().ToList(),
            HorizonDays = horizon.TotalDays,
            Model = modelMetrics,
            Baselines = metrics,
            GainOverBestBaseline = gains[best],
            Gains = gains,
            Calibration = calibration,
            TopFeatures = Enumerable.Range(0, importance.Length).Where(i => importance[i] > 0)
                .OrderByDescending(i => importance[i]).Take(10).Select(FeatureSchema.NameOf).ToList(),
        };
    }

    internal static string Describe(FittedChurnModel fitted) => fitted.Isotonic is { } isotonic ? Describe(isotonic) : Describe(fitted.Calibration);

    internal static string Describe(IsotonicCalibration isotonic) =>
        FormattableString.Invariant($"isotonic regression ({isotonic.Scores.Count} blocks)");

    internal static string Describe(PlattCalibration platt) =>
        FormattableString.Invariant($"Platt scaling (slope {platt.Slope:0.000}, intercept {platt.Intercept:0.000})");
}
