using System.Diagnostics;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Evaluation.Recs.Baselines;
using Realtime.Scoring.Ranking;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// <c>eval recs</c>: offline recommendation quality on Online Retail (next basket) and MovieLens 100K
/// (leave-last-out), for the engine, four baselines (popularity, item-kNN, P-TopFreq, TIFU-KNN; TIFU-KNN tuned
/// on the dataset's validation set) and the learned ranker (trained on the validation log only). Options: <c>--dataset online-retail|ml-100k</c> (default
/// both), <c>--data-dir DIR</c> (datasets root or the dataset's folder), <c>--cutoff DATE</c> (default 2011-07-01),
/// <c>--until DATE</c> (end of the test window, default none), <c>--set Name=value,...</c> (override
/// <see cref="RecommendationOptions"/> / <see cref="ItemSignalOptions"/> properties, for tuning).
/// </summary>
public static class RecsEvaluation
{
    /// <summary>The default test cutoff: July and August 2011 are the test window; tune with an earlier cutoff.</summary>
    public static readonly DateTimeOffset DefaultCutoff = new(2011, 7, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Run(RecsRun run, TextWriter output)
    {
        var (which, root, cutoff, until, set, progress) = run;

        if (which is "both" or "online-retail")
        {
            var folder = DatasetFolder(root, "online-retail", "by-day");
            Report(RecsDatasets.OnlineRetail(folder, cutoff, until), set, progress, output);
        }

        if (which is "both" or "ml-100k")
        {
            Report(RecsDatasets.MovieLens(DatasetFolder(root, "ml-100k", "u.data")), set, progress, output);
        }

        return 0;
    }

    private static void Report(RecsDataset data, string? set, bool progress, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var signals = new ItemSignalOptions { Epoch = data.Events[0].OccurredAt };
        var recommendation = new RecommendationOptions();
        var training = new RankerTrainingOptions();
        OptionOverrides.Apply(set, recommendation, signals, training);
        var tifu = new TifuKnnParameters();
        var tuning = "the paper's defaults (no validation set)";
        if (data.Validation is { } validation)
        {
            (tifu, var ndcg) = TifuKnnTuning.Tune(validation);
            tuning = FormattableString.Invariant($"chosen on {validation.Name} ({validation.Targets.Count} points, NDCG@10 {ndcg:F4})");
        }

        var ranker = TrainRanker(data, recommendation, signals, training, progress, out var rankerLine);

        // The explore positions, chosen on the validation window with the model that has not seen it.
        var (explorePositions, slateLine) = (0, (string?)null);
        if (ranker?.BeforeValidation is { } early && data.Validation is { } window)
        {
            using var meter = ProgressMeter.Start($"{window.Name} events", window.Events.Count, progress);
            (explorePositions, slateLine) = ExplorePositionsChoice.Choose(new RecsHarness(recommendation, signals, tifu, early).Run(window, meter));
        }

        RecsReport report;
        using (var meter = ProgressMeter.Start($"{data.Name} events", data.Events.Count, progress))
        {
            report = new RecsHarness(recommendation, signals, tifu, ranker?.Forest, explorePositions).Run(data, meter);
        }


        output.WriteLine($"# {data.Name}: {data.Events.Count} events, {report.Cases} test points, {report.Catalogue} products, "
            + $"{clock.Elapsed.TotalSeconds:F1} s, recs plan+read+rank {report.MicrosPerRequest:F0} µs per request");
        output.WriteLine($"# {data.Name}: tifuknn {tifu}, {tuning}");
        if (rankerLine is not null)
        {
            output.WriteLine(FormattableString.Invariant($"# {data.Name}: ranker {rankerLine}, ranker stage (candidates+features+model+reasons, count 10) {report.RankerMicrosPerRequest:F0} µs per request"));
        }

        if (report.History is { Customers: > 0 } history)
        {
            output.WriteLine($"# {data.Name}: stored purchase histories (at most {PurchaseProfile.DefaultMaxProducts} products): {history}");
            output.WriteLine(FormattableString.Invariant($"result {data.Name}_history_bytes_per_customer {history.MeanBytes:F0} bytes"));
        }

        if (slateLine is not null)
        {
            output.WriteLine($"# {data.Name}: ranker {slateLine}");
        }

        if (report.ExploreRecall is { } recall)
        {
            output.WriteLine(FormattableString.Invariant($"# {data.Name}: ranker explore candidates {recall.MeanCandidates:F1} per point hold an explore test item at {recall.PointRecall:P1} of the points with one ({recall.ItemRecall:P1} of those items)"));
        }

        var split = report.Systems[0].Metrics.Split;
        output.WriteLine($"# {data.Name}: {split.Repeat.Cases} test points with repeat items, {split.Explore.Cases} with explore items");
        foreach (var (name, m) in report.Systems)
        {
            Line(output, data.Name, name, "hr_at_10", m.All.HitRate);
            Line(output, data.Name, name, "ndcg_at_10", m.All.Ndcg);
            Line(output, data.Name, name, "mrr", m.All.Mrr);
            Line(output, data.Name, name, "coverage", m.All.Coverage(report.Catalogue));
            SplitLines(output, data.Name, name, m.Split);
        }
    }

    /// <summary>
    /// The learned ranker, trained on the validation log only (no test event): the validation set's training queries
    /// fit it, its own queries (the window just before the cutoff) early-stop it, then it is refit on both.
    /// </summary>
    private static TrainedRanker? TrainRanker(RecsDataset data, RecommendationOptions recommendation, ItemSignalOptions signals, RankerTrainingOptions options, bool progress, out string? line)
    {
        line = null;
        if (data.Validation is not { Training: { } training } validation)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        RankerExamples fit, stop;
        using (var meter = ProgressMeter.Start($"{validation.Name} ranker examples", validation.Events.Count, progress))
        {
            (fit, stop) = RankerExampleBuilder.Build(validation.Events, training, validation.Targets, recommendation, signals, validation.ExcludeSeen, () => meter.Advance(), options.ExploreLabel);
        }

        var examplesSeconds = clock.Elapsed.TotalSeconds;
        var ranker = TrainedRanker.Train(fit, stop, options);
        line = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"LambdaRank (explore label {options.ExploreLabel}) {ranker.Rounds} rounds on {fit.Queries} training + {stop.Queries} validation queries ({fit.Rows + stop.Rows} rows; queries asked {fit.QueriesAsked} + {stop.QueriesAsked}), validation NDCG@10 over candidates {ranker.ValidationNdcg:F4}, examples {examplesSeconds:F0} s, fit {clock.Elapsed.TotalSeconds - examplesSeconds:F0} s");
        return ranker;
    }

    /// <summary>The repeat/explore lines; a side with no test point (ml-100k has no repeats) prints nothing rather than 0.</summary>
    private static void SplitLines(TextWriter output, string dataset, string system, RepeatExploreMetrics split)
    {
        if (split.Repeat.Cases > 0)
        {
            Line(output, dataset, system, "repeat_hr_at_10", split.Repeat.HitRate);
            Line(output, dataset, system, "repeat_ndcg_at_10", split.Repeat.Ndcg);
        }

        if (split.Explore.Cases > 0)
        {
            Line(output, dataset, system, "explore_hr_at_10", split.Explore.HitRate);
            Line(output, dataset, system, "explore_ndcg_at_10", split.Explore.Ndcg);
        }

        Line(output, dataset, system, "repeat_share", split.RepeatShare);
    }

    private static void Line(TextWriter output, string dataset, string system, string metric, double value) =>
        output.WriteLine(FormattableString.Invariant($"result {dataset}_{system}_{metric} {value:F4} ratio"));

    /// <summary>Accepts the datasets root (with a <paramref name="name"/> folder) or the dataset's own folder.</summary>
    private static string DatasetFolder(string root, string name, string marker)
    {
        var nested = Path.Combine(root, name);
        if (Directory.Exists(nested))
        {
            return nested;
        }

        return Path.Exists(Path.Combine(root, marker))
            ? root
            : throw new DirectoryNotFoundException($"no {name} dataset under {root} (expected {nested})");
    }
}
