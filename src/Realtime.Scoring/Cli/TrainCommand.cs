using System.CommandLine;
using Realtime.Core.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Cli;

/// <summary><c>realtime train</c>: history → examples → LightGBM and FastTree → a new version folder (promoted with <c>--promote</c>).</summary>
internal static class TrainCommand
{
    private const string Description = """
        Train a churn model (churned = no order within the horizon) from event history and write a new, unpromoted
        version folder into the registry, with its report against the recency and rule baselines.

        Examples:
          realtime train --input events/ --horizon-days 90
          realtime train --input 'exports/2011-*.csv' --columns customer=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice,order=InvoiceNo --scores-out holdout.csv
          realtime train --kafka-topic realtime.events --kafka-bootstrap host:9092 --promote
        """;

    public static Command Create(IKafkaTopicReplay? kafkaReplay)
    {
        var history = new HistoryOptions();
        var models = ChurnCommands.ModelsRoot();
        var horizon = CliValues.Positive("--horizon-days", 90, "Churned = no order within this many days after a cutoff", "days");
        var cutoffs = CliValues.Dates("--cutoffs", "Explicit cutoffs (default: one horizon apart, the last at data end − horizon)");
        var maxCutoffs = CliValues.Positive("--max-cutoffs", 6, "Most planned cutoffs");
        var dataEnd = CliValues.Date("--data-end", "End of the observed history (default: the last event)");
        var split = CliValues.OneOf(
            "--split", "auto", "auto (time with ≥ 3 cutoffs, else customer) | time (holdout = last cutoff) | customer (cross-fitted by id hash, see --folds)", "auto", "time", "customer");
        var trees = CliValues.Positive("--trees", 300, "Most trees per candidate model (the number used is chosen on validation)");
        var calibration = CliValues.OneOf("--calibration", "platt", "platt (two parameters) | isotonic (pool adjacent violators), fitted on the validation part", "platt", "isotonic");
        var folds = CliValues.Positive("--folds", 5, "With a customer split: cross-fit the report over this many folds by customer (1: a 60/20/20 holdout)");
        var promote = new Option<bool>("--promote") { Description = "Promote the new version (validated first, as `models promote` does)" };
        var force = new Option<bool>("--force") { Description = "Register (and with --promote, promote) a model even when it is constant, i.e. scores every customer alike" };
        var scoresOut = new Option<string?>("--scores-out") { Description = "Write the evaluated per-customer scores (the holdout, or every customer out of fold when cross-fitted): CSV customer_id,cutoff,score,label (1 = churned)", HelpName = "file" };
        var topic = new Option<string?>("--kafka-topic") { Description = "Replay this topic from its beginning instead of --input (Kafka:Client settings apply: --Kafka:Client:security.protocol=SASL_SSL ...)", HelpName = "topic" };
        var bootstrap = new Option<string?>("--kafka-bootstrap") { Description = "The broker for --kafka-topic (default: Kafka:BootstrapServers, else 127.0.0.1:9092)", HelpName = "host:port" };

        // --Kafka:Section:Key=value words are configuration for the replay: they land in this hidden argument (any other
        // stray word too, refused in the action with a one-line error).
        var kafkaSettings = new Argument<string[]>("kafka-settings") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        var command = new Command("train", Description) { kafkaSettings };
        history.AddTo(command);
        foreach (var option in new Option[] { models, horizon, cutoffs, maxCutoffs, dataEnd, split, trees, folds, calibration, promote, force, scoresOut, topic, bootstrap })
        {
            command.Add(option);
        }

        command.SetAction(parsed =>
        {
            var settings = parsed.GetValue(kafkaSettings) ?? [];
            var unknown = settings.FirstOrDefault(t => !t.StartsWith("--Kafka:", StringComparison.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                return ChurnCommands.Usage(parsed, $"unrecognized argument '{unknown}' (see realtime train --help)");
            }

            var topicName = parsed.GetValue(topic);
            var inputs = parsed.GetValue(history.Input) ?? [];
            if ((topicName is null) == (inputs.Length == 0))
            {
                return ChurnCommands.Usage(parsed, "give --input PATH (file, folder or glob) or --kafka-topic TOPIC, one of the two");
            }

            if (topicName is not null && kafkaReplay is null)
            {
                return ChurnCommands.Usage(parsed, "--kafka-topic is not available in this build");
            }

            IEventSource source;
            try
            {
                source = topicName is null ? history.Open(parsed) : kafkaReplay!.Open(topicName, parsed.GetValue(bootstrap), settings);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or FileNotFoundException)
            {
                return ChurnCommands.Usage(parsed, ex.Message);
            }

            using (source as IDisposable)
            {
                var options = new ChurnTrainingOptions
                {
                    ModelsRoot = parsed.GetRequiredValue(models),
                    Horizon = TimeSpan.FromDays(parsed.GetValue(horizon)),
                    Cutoffs = parsed.GetValue(cutoffs),
                    MaxCutoffs = parsed.GetValue(maxCutoffs),
                    DataEnd = parsed.GetValue(dataEnd),
                    Split = Enum.Parse<ChurnSplitMethod>(parsed.GetRequiredValue(split), ignoreCase: true),
                    NumberOfTrees = parsed.GetValue(trees),
                    Folds = parsed.GetValue(folds),
                    Calibration = Enum.Parse<ChurnCalibrationKind>(parsed.GetRequiredValue(calibration), ignoreCase: true),
                    AllowConstantModel = parsed.GetValue(force),
                };
                return Run(parsed, source, options, parsed.GetValue(promote), parsed.GetValue(scoresOut));
            }
        });
        return command;
    }

    private static int Run(ParseResult parsed, IEventSource source, ChurnTrainingOptions options, bool promote, string? scoresOut)
    {
        var output = parsed.InvocationConfiguration.Output;
        TrainingResult result;
        try
        {
            result = ChurnTraining.Train(source, options, output, terminal: ChurnCommands.Terminal(parsed));
        }
        catch (FormatException ex)
        {
            return ChurnCommands.Usage(parsed, ex.Message); // e.g. a --columns name that is not in the header
        }
        catch (Exception ex) when (ex is NotEnoughDataException or ConstantModelException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            return ChurnCommands.Failure(parsed, ex.Message);
        }

        output.Write(ReportRenderer.Summary(result.Report));
        output.Write(ReportRenderer.ReliabilityLines(result.Report));
        output.Write(ReportRenderer.ResultLines(result.Report));
        output.WriteLine($"trained {result.Version} ({result.Metadata.Trainer}) in {result.Folder}");
        if (result.IsConstant)
        {
            parsed.InvocationConfiguration.Error.WriteLine($"warning: {result.Version} is constant (every customer scores {result.Metadata.ConstantScore:0.000}); kept because of --force");
        }

        if (scoresOut is not null)
        {
            ScoresFile.Write(scoresOut, result.HoldoutScores);
            output.WriteLine($"wrote {result.HoldoutScores.Count} {(result.Metadata.CrossFitFolds > 0 ? "out-of-fold" : "holdout")} scores to {scoresOut}");
        }

        if (!promote)
        {
            return 0;
        }

        try
        {
            new ModelRegistry(options.ModelsRoot).Promote(result.Version);
        }
        catch (ModelRejectedException ex)
        {
            return ChurnCommands.Failure(parsed, $"not promoted: {ex.Message}");
        }

        output.WriteLine($"promoted {result.Version}");
        return 0;
    }
}
