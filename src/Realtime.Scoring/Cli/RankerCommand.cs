using System.CommandLine;
using System.Globalization;
using Realtime.Scoring.Ranking;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Cli;

/// <summary>
/// <c>realtime ranker train|list|promote|rollback</c>: the learned recommendation ranker's registry verbs, beside the
/// churn model's (<c>train</c>, <c>models</c>). Versions live in <c>&lt;models&gt;/ranker</c>; the API follows its
/// <c>current</c> pointer (Recommendations:Ranker:ModelsRoot). Exit codes as the churn verbs: 0, 1 failed, 2 usage.
/// </summary>
internal static class RankerCommand
{
    private const string TrainDescription = """
        Train the learned recommendation ranker (LightGBM LambdaRank) from purchase history: every order by a returning
        customer is a query, its products the relevant ones, features built point in time by replaying the log. The last
        --validation-days of the history early-stop it (then it is refit on all). Writes a new, unpromoted version.

        Examples:
          realtime ranker train --input events/ --promote
          realtime ranker train --input 'exports/2011-*.csv' --columns customer=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice,order=InvoiceNo,product=StockCode
        """;

    public static Command Create()
    {
        var command = new Command("ranker", """
            The learned recommendation ranker's registry (<models>/ranker): train | list | promote <version> | rollback.
            With no version promoted, Recommend ranks with the hand-tuned blend.

            Example:
              realtime ranker list --models models
            """);
        command.Add(Train());
        command.Add(List());
        command.Add(Promote());
        command.Add(Rollback());
        return command;
    }

    private static Command Train()
    {
        var history = new HistoryOptions();
        var models = ChurnCommands.ModelsRoot();
        var validation = CliValues.Positive("--validation-days", 60, "Queries in the last this many days of the history early-stop the model", "days");
        var rounds = CliValues.Positive("--max-rounds", 300, "Most boosting rounds");
        var promote = new Option<bool>("--promote") { Description = "Promote the new version (validated first, as `ranker promote` does)" };
        var command = new Command("train", TrainDescription);
        history.AddTo(command);
        command.Add(models);
        command.Add(validation);
        command.Add(rounds);
        command.Add(promote);
        command.SetAction(parsed =>
        {
            if ((parsed.GetValue(history.Input) ?? []).Length == 0)
            {
                return ChurnCommands.Usage(parsed, "give --input PATH (file, folder or glob)");
            }

            var output = parsed.InvocationConfiguration.Output;
            var root = parsed.GetRequiredValue(models);
            string version;
            RankerManifest manifest;
            try
            {
                var source = history.Open(parsed);
                (version, manifest) = RankerTraining.Train(
                    source, root, TimeSpan.FromDays(parsed.GetValue(validation)), DateTimeOffset.UtcNow, new RankerTrainingOptions { MaxIterations = parsed.GetValue(rounds) });
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or FileNotFoundException)
            {
                return ChurnCommands.Usage(parsed, ex.Message);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return ChurnCommands.Failure(parsed, ex.Message);
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"trained ranker {version}: {manifest.Rounds} rounds, {manifest.TrainingQueries} training + {manifest.ValidationQueries} validation queries, validation NDCG@10 {manifest.ValidationNdcgAt10:F4}"));
            return parsed.GetValue(promote) ? PromoteVersion(parsed, root, version) : 0;
        });
        return command;
    }

    private static Command List()
    {
        var models = ChurnCommands.ModelsRoot();
        var command = new Command("list", """
            Ranker versions, newest first (* = promoted), with rounds, validation NDCG@10 and what they were trained on.

            Example:
              realtime ranker list --models models
            """) { models };
        command.SetAction(parsed =>
        {
            var output = parsed.InvocationConfiguration.Output;
            foreach (var (version, manifest, current) in new RankerRegistry(parsed.GetRequiredValue(models)).List())
            {
                output.WriteLine(manifest is null
                    ? $"{(current ? "*" : " ")} {version}  unreadable"
                    : string.Create(CultureInfo.InvariantCulture, $"{(current ? "*" : " ")} {version}  {manifest.CreatedAt:yyyy-MM-dd HH:mm}  rounds {manifest.Rounds}  validation NDCG@10 {manifest.ValidationNdcgAt10:F4}  {manifest.TrainedOn}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Promote()
    {
        var models = ChurnCommands.ModelsRoot();
        var version = new Argument<string>("version") { Description = "The version to promote" };
        var command = new Command("promote", """
            Validate a ranker version (files, feature schema, probe scores against ML.NET) and make it the one the API
            serves; running instances swap within Recommendations:Ranker:PollSeconds.

            Example:
              realtime ranker promote v20261202-0308-0809 --models models
            """) { models, version };
        command.SetAction(parsed => PromoteVersion(parsed, parsed.GetRequiredValue(models), parsed.GetRequiredValue(version)));
        return command;
    }

    private static Command Rollback()
    {
        var models = ChurnCommands.ModelsRoot();
        var command = new Command("rollback", """
            Undo the last ranker promotion (the previous version is validated first); with none left, the hand-tuned
            blend serves.

            Example:
              realtime ranker rollback --models models
            """) { models };
        command.SetAction(parsed =>
        {
            try
            {
                var now = new RankerRegistry(parsed.GetRequiredValue(models)).Rollback();
                parsed.InvocationConfiguration.Output.WriteLine(now is null ? "rolled back: no ranker promoted, the blend serves" : $"rolled back to {now}");
                return 0;
            }
            catch (Exception ex) when (ex is ModelRejectedException or InvalidOperationException)
            {
                return ChurnCommands.Failure(parsed, ex.Message);
            }
        });
        return command;
    }

    private static int PromoteVersion(ParseResult parsed, string root, string version)
    {
        try
        {
            new RankerRegistry(root).Promote(version);
        }
        catch (ModelRejectedException ex)
        {
            return ChurnCommands.Failure(parsed, $"not promoted: {ex.Message}");
        }

        parsed.InvocationConfiguration.Output.WriteLine($"promoted ranker {version}");
        return 0;
    }
}
