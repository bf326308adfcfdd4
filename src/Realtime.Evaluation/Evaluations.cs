using System.CommandLine;
using System.Globalization;
using Realtime.Evaluation.Churn;
using Realtime.Evaluation.Clv;
using Realtime.Evaluation.Offers;
using Realtime.Evaluation.Recs;

namespace Realtime.Evaluation;

/// <summary>
/// <c>realtime eval &lt;what&gt;</c> (<c>scripts/eval</c>): one subcommand per evaluation, with its own options. Each
/// prints lines <c>result &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c> on standard output (contract) and returns a process
/// exit code; a missing dataset is one line on standard error and exit code 1.
/// </summary>
public static class Evaluations
{
    public static Command CreateCommand(TextWriter output)
    {
        var progress = new Option<bool>("--progress")
        {
            Description = "Show progress on stderr even when it is not a terminal (it is shown on a terminal anyway); stdout is unchanged.",
            Recursive = true,
        };
        var eval = new Command("eval", Describe(
            "Offline evaluations on real datasets (read from shared/datasets unless --data-dir is given); each prints 'result <name> <value> <unit>' lines.",
            "realtime eval recs --dataset ml-100k"))
        {
            ClvCdnow(output),
            OffersUplift(output, progress),
            ChurnCdnow(output),
            ChurnRetail(output),
            Recs(output, progress),
            progress,
        };
        return eval;
    }

    private static Command ClvCdnow(TextWriter output)
    {
        var dataDir = DataDir();
        var command = new Command("clv-cdnow", Describe(
            "BG/NBD and Gamma-Gamma fitted on CDNOW, against the published estimates and the holdout period's repeat purchases.",
            "realtime eval clv-cdnow --data-dir ../shared/datasets"))
        {
            dataDir,
        };
        command.SetAction(parsed => WithDatasets(parsed, () => CdnowClvEvaluation.Run(DatasetsFolder.Resolve(parsed.GetValue(dataDir)), output)));
        return command;
    }

    private static Command OffersUplift(TextWriter output, Option<bool> progress)
    {
        var customers = Whole("--customers", "Simulated customers per arm.", 20_000);
        var rounds = Whole("--rounds", "Weekly decision rounds.", 26);
        var seed = Whole("--seed", "Random seed (the same seed gives the same figures).", 42, minimum: 0);
        var command = new Command("offers-uplift", Describe(
            "Offer policies (holdout, fixed priors, Thompson-sampling bandit, oracle) on a generated store whose true acceptance rates differ from the priors.",
            "realtime eval offers-uplift --customers 5000 --rounds 12 --seed 7"))
        {
            customers,
            rounds,
            seed,
        };
        command.SetAction(parsed => OffersUpliftEvaluation.Run(parsed.GetValue(customers), parsed.GetValue(rounds), parsed.GetValue(seed), ShowProgress(parsed, progress), output));
        return command;
    }

    private static Command ChurnCdnow(TextWriter output)
    {
        var dataDir = DataDir();
        var modelsDir = new Option<string>("--models-dir") { Description = "Where the trained models are written (default: a temporary folder)." };
        var trees = Whole("--trees", "Trees of the boosted models.", 200);
        var command = new Command("churn-cdnow", Describe(
            "Churn on the CDNOW log with the dataset's standard 39-week protocol: the engine's model against the baselines on held-out customers.",
            "realtime eval churn-cdnow --trees 100"))
        {
            dataDir,
            modelsDir,
            trees,
        };
        command.SetAction(parsed => WithDatasets(parsed, () =>
            ChurnCdnowEvaluation.Run(DatasetsFolder.Resolve(parsed.GetValue(dataDir)), parsed.GetValue(modelsDir), parsed.GetValue(trees), output)));
        return command;
    }

    private static Command ChurnRetail(TextWriter output)
    {
        var dataDir = DataDir();
        var input = new Option<string>("--input") { Description = "CSV files with Online Retail's columns: a folder, file or quoted glob (default: <data-dir>/online-retail/by-day).", HelpName = "path" };
        var modelsDir = new Option<string>("--models-dir") { Description = "Where the trained models are written (default: a temporary folder)." };
        var cutoff = Date("--cutoff", $"The cutoff features are taken at (default {ChurnRetailEvaluation.DefaultCutoff:yyyy-MM-dd}).");
        var horizon = Whole("--horizon-days", "Churned = no order within this many days after the cutoff.", 90, minimum: 1);
        var trees = Whole("--trees", "Most trees of the boosted models (the number used is chosen on validation).", 300, minimum: 1);
        var folds = Whole("--folds", "Cross-fitting folds by customer (1: a 60/20/20 holdout).", 5, minimum: 1);
        var command = new Command("churn-retail", Describe(
            "Churn on a line-item purchase log (Online Retail by default) at one cutoff: the engine's model against recency, the rule and BG/NBD, cross-fitted by customer.",
            "realtime eval churn-retail --cutoff 2011-06-01 --horizon-days 90"))
        {
            dataDir,
            input,
            modelsDir,
            cutoff,
            horizon,
            trees,
            folds,
        };
        command.SetAction(parsed => WithDatasets(parsed, () => ChurnRetailEvaluation.Run(
            DatasetsFolder.Resolve(parsed.GetValue(dataDir)), parsed.GetValue(input), parsed.GetValue(modelsDir), parsed.GetValue(cutoff),
            parsed.GetValue(horizon), parsed.GetValue(trees), parsed.GetValue(folds), output)));
        return command;
    }

    private static Command Recs(TextWriter output, Option<bool> progress)
    {
        var dataset = new Option<string>("--dataset") { Description = "Which dataset: online-retail, ml-100k or both.", HelpName = "online-retail|ml-100k|both", DefaultValueFactory = _ => "both" };
        dataset.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not ("online-retail" or "ml-100k" or "both"))
            {
                r.AddError($"--dataset: '{r.GetValueOrDefault<string>()}' is not one of online-retail, ml-100k, both");
            }
        });
        var dataDir = DataDir();
        var cutoff = Date("--cutoff", $"Start of Online Retail's test window (default {RecsEvaluation.DefaultCutoff:yyyy-MM-dd}).");
        var until = Date("--until", "End of Online Retail's test window (default: the end of the data).");
        var set = new Option<string>("--set") { Description = "Override RecommendationOptions / ItemSignalOptions properties, for tuning: Name=value,Name=value.", HelpName = "Name=value,..." };
        var command = new Command("recs", Describe(
            "Recommendation quality on Online Retail (next basket) and MovieLens 100K (leave-last-out), for the engine and four baselines (popularity, item-kNN, P-TopFreq, TIFU-KNN), with the repeat/explore split.",
            "realtime eval recs --dataset online-retail --cutoff 2011-06-01 --set RecentWeight=2"))
        {
            dataset,
            dataDir,
            cutoff,
            until,
            set,
        };
        command.SetAction(parsed => WithDatasets(parsed, () => RecsEvaluation.Run(
            new RecsRun(parsed.GetRequiredValue(dataset), DatasetsFolder.Resolve(parsed.GetValue(dataDir)), parsed.GetValue(cutoff) ?? RecsEvaluation.DefaultCutoff, parsed.GetValue(until) ?? DateTimeOffset.MaxValue, parsed.GetValue(set), ShowProgress(parsed, progress)),
            output)));
        return command;
    }

    private static bool ShowProgress(ParseResult parsed, Option<bool> progress) => parsed.GetValue(progress) || ProgressMeter.ShownByDefault;

    /// <summary>A missing dataset is the user's to fix: one line, not a stack trace.</summary>
    private static int WithDatasets(ParseResult parsed, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            parsed.InvocationConfiguration.Error.WriteLine($"realtime eval {parsed.CommandResult.Command.Name}: {ex.Message}");
            return 1;
        }
    }

    private static Option<string> DataDir() => new("--data-dir") { Description = "The datasets folder (or the dataset's own folder); default shared/datasets found upward from here.", HelpName = "dir" };

    private static Option<int> Whole(string name, string description, int defaultValue, int minimum = 1) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "n",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return value;
            }

            r.AddError($"{name}: '{text}' is not a whole number of at least {minimum}");
            return defaultValue;
        },
    };

    private static Option<DateTimeOffset?> Date(string name, string description) => new(name)
    {
        Description = description + " A date or time, UTC unless an offset is given (2011-07-01, 2011-07-01T12:00:00Z).",
        HelpName = "date",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }

            r.AddError($"{name}: '{text}' is not a date (e.g. 2011-07-01 or 2011-07-01T12:00:00Z)");
            return null;
        },
    };

    private static string Describe(string description, string example) => $"{description}{Environment.NewLine}{Environment.NewLine}Example:{Environment.NewLine}  {example}";
}
