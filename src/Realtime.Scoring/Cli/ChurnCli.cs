using System.Globalization;
using Realtime.Core.Churn;
using Realtime.Core.History;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Cli;

/// <summary>
/// The churn verbs, ready for the host to route: <c>realtime train</c>, <c>realtime evaluate</c> and
/// <c>realtime models list|promote &lt;v&gt;|rollback</c>. Each takes the words after the verb and returns an exit code
/// (0 ok, 1 failed, 2 usage). docs/churn.md documents the options.
/// </summary>
public static class ChurnCli
{
    public const string TrainUsage = "train --input <path> [--format jsonl|csv|cdnow] [--columns customer=..,date=..,amount=..] [--models models] [--horizon-days 90] [--cutoffs t1,t2,..] [--max-cutoffs 6] [--data-end t] [--split auto|time|customer] [--trees 300] [--promote]";
    public const string EvaluateUsage = "evaluate --input <path> [--format ..] [--columns ..] [--models models] [--version v..|current] [--cutoffs t1,..] [--horizon-days 90] [--data-end t]";
    public const string ModelsUsage = "models list | models promote <version> [--force] | models rollback   [--models models]";

    /// <summary><c>realtime train</c>: builds examples, trains, writes a version folder; <c>--promote</c> also promotes it.</summary>
    public static int Train(string[] args, TextWriter output, IEventSource? source = null)
    {
        var a = CliArguments.Parse(args);
        if (a.Get("input") is null && source is null)
        {
            output.WriteLine("usage: realtime " + TrainUsage);
            return 2;
        }

        var options = new ChurnTrainingOptions
        {
            ModelsRoot = a.Get("models", "models"),
            Horizon = TimeSpan.FromDays(a.Int("horizon-days", 90)),
            Cutoffs = a.Times("cutoffs"),
            MaxCutoffs = a.Int("max-cutoffs", 6),
            DataEnd = a.Time("data-end"),
            Split = Enum.Parse<ChurnSplitMethod>(a.Get("split", "auto"), ignoreCase: true),
            NumberOfTrees = a.Int("trees", 300),
        };
        var result = ChurnTraining.Train(source ?? Source(a), options, output);
        output.Write(ReportRenderer.Summary(result.Report));
        output.WriteLine($"trained {result.Version} ({result.Metadata.Trainer}) in {result.Folder}");
        if (a.Flag("promote"))
        {
            try
            {
                new ModelRegistry(options.ModelsRoot).Promote(result.Version);
            }
            catch (ModelRejectedException ex)
            {
                output.WriteLine($"not promoted: {ex.Message}");
                return 1;
            }

            output.WriteLine($"promoted {result.Version}");
        }

        return 0;
    }

    /// <summary><c>realtime evaluate</c>: scores labelled examples from any history with any version (default: the current one).</summary>
    public static int Evaluate(string[] args, TextWriter output)
    {
        var a = CliArguments.Parse(args);
        var registry = new ModelRegistry(a.Get("models", "models"));
        var version = a.Get("version", "current") is "current" ? registry.CurrentVersion() : a.Get("version");
        if (a.Get("input") is null || version is null)
        {
            output.WriteLine(version is null ? "no version given and none is promoted" : "usage: realtime " + EvaluateUsage);
            return 2;
        }

        var horizon = TimeSpan.FromDays(a.Int("horizon-days", 90));
        var events = Source(a).ReadEvents().ToList();
        var end = a.Time("data-end") ?? events.Max(e => e.OccurredAt);
        var setOptions = new TrainingSetOptions { Cutoffs = a.Times("cutoffs") ?? [end - horizon], Horizon = horizon, DataEnd = end };
        var report = ChurnEvaluation.Evaluate(registry.PathOf(version), new EnumerableEventSource(events, a.Get("input")!), setOptions, output);
        output.Write(ReportRenderer.Summary(report));
        return 0;
    }

    /// <summary>
    /// <c>realtime models list|promote &lt;v&gt;|rollback</c>. Promote and rollback load the version exactly as an API
    /// instance would and refuse a bad one with a one-line reason and exit code 1 (nothing changes);
    /// <c>promote --force</c> writes the pointer anyway and says what will keep serving.
    /// </summary>
    public static int Models(string[] args, TextWriter output)
    {
        var a = CliArguments.Parse(args);
        var registry = new ModelRegistry(a.Get("models", "models"));
        try
        {
            switch (a.Positionals)
            {
                case ["list"] or []:
                    List(registry, output);
                    return 0;
                case ["promote", var version] when a.Flag("force"):
                    registry.Promote(version, validate: false);
                    var forced = registry.Resolve();
                    output.WriteLine(forced.Rejection is { } refused
                        ? $"promoted {version} (forced) but {refused.Message}; API instances keep serving {forced.ServingVersion}"
                        : $"promoted {version}; running API instances switch at their next poll");
                    return 0;
                case ["promote", var version]:
                    registry.Promote(version);
                    output.WriteLine($"promoted {version}; running API instances switch at their next poll");
                    return 0;
                case ["rollback"]:
                    output.WriteLine($"current is now {registry.Rollback() ?? "none (the baseline scorer answers)"}");
                    return 0;
                default:
                    output.WriteLine("usage: realtime " + ModelsUsage);
                    return 2;
            }
        }
        catch (ModelRejectedException ex)
        {
            output.WriteLine($"refused: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine(ex.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    /// <summary>Every version, marked promoted and/or serving, then one line saying what an API instance serves and why.</summary>
    private static void List(ModelRegistry registry, TextWriter output)
    {
        var serving = registry.Resolve();
        foreach (var v in registry.List())
        {
            var auc = v.HoldoutRocAuc?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "?";
            var marks = (v.IsCurrent, v.Version == serving.Model?.Version) switch
            {
                (true, true) => "promoted, serving",
                (true, false) => "promoted, REFUSED",
                (false, true) => "serving (the promoted version is refused)",
                _ => string.Empty,
            };
            output.WriteLine($"{(v.Version == serving.Model?.Version ? "*" : " ")} {v.Version}  {v.CreatedAt:yyyy-MM-dd HH:mm}  {v.Trainer ?? "unreadable",-9} holdout AUC {auc}  {marks}".TrimEnd());
        }

        output.WriteLine((serving.Promoted, serving.Rejection) switch
        {
            (null, _) => "serving: baseline (nothing is promoted)",
            (_, { } refused) => $"serving: {serving.ServingVersion} ({refused.Message})",
            _ => $"serving: {serving.ServingVersion} (promoted)",
        });
    }

    private static IEventSource Source(CliArguments a)
    {
        var input = a.Get("input")!;
        var format = a.Get("format") ?? (input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
            : Path.GetFileName(input).StartsWith("CDNOW", StringComparison.OrdinalIgnoreCase) ? "cdnow" : "jsonl");
        return format switch
        {
            "csv" => new CsvTransactionSource(input, CsvColumnMap.Parse(a.Get("columns"))),
            "cdnow" => new CdnowEventSource(input),
            "jsonl" => JsonLinesEventSource.FromPath(input),
            _ => throw new ArgumentException($"unknown --format '{format}' (jsonl, csv, cdnow)"),
        };
    }
}
