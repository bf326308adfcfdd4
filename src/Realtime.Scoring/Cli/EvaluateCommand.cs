using System.CommandLine;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Cli;

/// <summary><c>realtime evaluate</c>: a version's report (model and baselines) on any labelled history.</summary>
internal static class EvaluateCommand
{
    private const string Description = """
        Evaluate a model version on any history (a later period, another store): labelled examples at the cutoffs,
        scored by the model and the two baselines. Warns when the evaluated customers overlap the version's training customers.

        Examples:
          realtime evaluate --input events-2026-q4/ --cutoffs 2026-10-01
          realtime evaluate --input orders.csv --version v20261123-1530-ab12 --scores-out scores.csv
        """;

    public static Command Create()
    {
        var history = new HistoryOptions();
        var models = ChurnCommands.ModelsRoot();
        var version = new Option<string>("--version") { Description = "The version to evaluate, or current (the promoted one)", DefaultValueFactory = _ => "current", HelpName = "version" };
        var horizon = CliValues.Positive("--horizon-days", 90, "Churned = no order within this many days after a cutoff", "days");
        var cutoffs = CliValues.Dates("--cutoffs", "Cutoffs to evaluate at (default: one, at data end − horizon)");
        var dataEnd = CliValues.Date("--data-end", "End of the observed history (default: the last event)");
        var scoresOut = new Option<string?>("--scores-out") { Description = "Write per-customer scores: CSV customer_id,cutoff,score,label (1 = churned)", HelpName = "file" };
        var command = new Command("evaluate", Description);
        history.AddTo(command);
        foreach (var option in new Option[] { models, version, horizon, cutoffs, dataEnd, scoresOut })
        {
            command.Add(option);
        }

        command.SetAction(parsed =>
        {
            var registry = new ModelRegistry(parsed.GetRequiredValue(models));
            var asked = parsed.GetRequiredValue(version);
            var name = asked == "current" ? registry.CurrentVersion() : asked;
            if (name is null)
            {
                return ChurnCommands.Usage(parsed, $"nothing is promoted in {registry.Root}: pass --version (realtime models list shows the versions)");
            }

            if ((parsed.GetValue(history.Input) ?? []).Length == 0)
            {
                return ChurnCommands.Usage(parsed, "give --input PATH (file, folder or glob)");
            }

            IEventSource source;
            string folder;
            try
            {
                folder = registry.PathOf(name);
                source = history.Open(parsed);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or FileNotFoundException)
            {
                return ChurnCommands.Usage(parsed, ex.Message);
            }

            return Run(parsed, folder, source, TimeSpan.FromDays(parsed.GetValue(horizon)), parsed.GetValue(cutoffs), parsed.GetValue(dataEnd), parsed.GetValue(scoresOut));
        });
        return command;
    }

    private static int Run(
        ParseResult parsed, string folder, IEventSource source, TimeSpan horizon, IReadOnlyList<DateTimeOffset>? cutoffs, DateTimeOffset? dataEnd, string? scoresOut)
    {
        var output = parsed.InvocationConfiguration.Output;
        EvaluationResult result;
        try
        {
            result = ChurnEvaluation.Evaluate(folder, source, horizon, cutoffs, dataEnd, output, ChurnCommands.Terminal(parsed));
        }
        catch (FormatException ex)
        {
            return ChurnCommands.Usage(parsed, ex.Message);
        }
        catch (ModelRejectedException ex)
        {
            return ChurnCommands.Failure(parsed, $"refused: {ex.Message}");
        }
        catch (Exception ex) when (ex is NotEnoughDataException or IOException or UnauthorizedAccessException)
        {
            return ChurnCommands.Failure(parsed, ex.Message);
        }

        if (result.SeenInTraining is > 0 and var seen)
        {
            parsed.InvocationConfiguration.Error.WriteLine(
                $"warning: {seen} of {result.Customers} evaluated customers were in {Path.GetFileName(folder)}'s training set; their scores are optimistic (evaluate on other customers for an unbiased figure)");
        }

        output.Write(ReportRenderer.Summary(result.Report));
        output.Write(ReportRenderer.ReliabilityLines(result.Report));
        output.Write(ReportRenderer.ResultLines(result.Report));
        if (scoresOut is not null)
        {
            ScoresFile.Write(scoresOut, result.Scores);
            output.WriteLine($"wrote {result.Scores.Count} scores to {scoresOut}");
        }

        return 0;
    }
}
