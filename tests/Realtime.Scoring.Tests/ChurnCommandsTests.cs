using System.Text.Json;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

/// <summary>The churn verbs as a user runs them: help, usage errors, inputs, refusals, score files and warnings.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class ChurnCommandsTests(TrainedModelFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-churn-cli-").FullName;

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("models")]
    [InlineData("models", "list")]
    [InlineData("models", "promote")]
    [InlineData("models", "rollback")]
    [InlineData("ranker")]
    [InlineData("ranker", "train")]
    [InlineData("ranker", "list")]
    [InlineData("ranker", "promote")]
    [InlineData("ranker", "rollback")]
    public void Every_command_answers_help_with_a_description_and_an_example(params string[] command)
    {
        var run = ChurnCommandLine.Run([.. command, "--help"]);

        Assert.Equal(0, run.Exit);
        Assert.Contains("Description:", run.Output, StringComparison.Ordinal);
        Assert.Contains("realtime " + string.Join(' ', command), run.Output, StringComparison.Ordinal);
        Assert.Contains("Example", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("train", "--input", "x.csv", "--horizon-days", "ninety")]
    [InlineData("train", "--input", "x.csv", "--horizon-days", "0")]
    [InlineData("train", "--input", "x.csv", "--split", "sideways")]
    [InlineData("train", "--input", "x.csv", "--data-end", "yesterday")]
    [InlineData("train", "--input", "x.csv", "--cutoffs", "2024-01-01,soon")]
    [InlineData("train", "--input", "x.csv", "--frobnicate")]
    [InlineData("evaluate", "--input", "x.csv", "--bogus", "1")]
    [InlineData("models", "promote")]
    [InlineData("models", "list", "--force")]
    public void A_bad_value_or_unknown_option_is_one_line_and_exit_code_2(params string[] args)
    {
        var run = ChurnCommandLine.Run(args);

        Assert.Equal(2, run.Exit);
        Assert.Single(run.ErrorLines);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Bad_inputs_the_command_checks_itself_are_one_line_and_exit_code_2()
    {
        var csv = OrderCsv.WriteOne(Path.Combine(_dir, "orders.csv"), SyntheticHistory.Generate(20, 100, seed: 3));

        foreach (var args in new[]
        {
            new[] { "train", "--models", _dir },
            ["train", "--input", Path.Combine(_dir, "missing.csv")],
            ["train", "--input", Path.Combine(_dir, "*.nothing")],
            ["train", "--input", csv, "--columns", "amount=a*b*c"],
            ["train", "--input", csv, "--columns", "customer=Who"],
            ["train", "--input", csv, "--kafka-topic", "t"],
            ["evaluate", "--input", csv, "--models", _dir],
        })
        {
            var run = ChurnCommandLine.Run(args);

            Assert.True(run.Exit == 2, $"{string.Join(' ', args)}: exit {run.Exit}, {run.Error}");
            Assert.Single(run.ErrorLines);
        }
    }

    [Fact]
    public void A_folder_of_daily_csvs_trains_writes_holdout_scores_and_the_training_customers()
    {
        var events = SyntheticHistory.Generate(customers: 1200, days: 730, seed: 7);
        var orders = OrderCsv.WriteDaily(Path.Combine(_dir, "daily"), events);
        var models = Path.Combine(_dir, "models");
        var scores = Path.Combine(_dir, "holdout.csv");

        var run = ChurnCommandLine.Run("train", "--input", Path.Combine(_dir, "daily"), "--models", models, "--trees", "40", "--scores-out", scores);

        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.True(Directory.GetFiles(Path.Combine(_dir, "daily")).Length > 300);
        var version = Assert.Single(new ModelRegistry(models).List());
        Assert.Equal(orders, ModelFiles.ReadMetadata(version.Path).EventCount);
        Assert.True(File.Exists(Path.Combine(version.Path, ModelFiles.TrainingCustomers)));
        var rows = File.ReadAllLines(scores);
        Assert.Equal(ScoresFile.Header, rows[0]);
        Assert.Equal(ModelFiles.ReadMetadata(version.Path).HoldoutExamples, rows.Length - 1);
        Assert.All(rows.Skip(1), r => Assert.Matches(@"^c\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,[01](\.\d+)?,[01]$", r));
    }

    [Fact]
    public void A_horizon_past_the_data_end_says_which_horizon_would_work()
    {
        // 180 days of history: a 120-day horizon leaves no room for features before and labels after a cutoff.
        var csv = OrderCsv.WriteOne(Path.Combine(_dir, "short.csv"), SyntheticHistory.Generate(200, 180, seed: 5));

        var planned = ChurnCommandLine.Run("train", "--input", csv, "--models", _dir, "--horizon-days", "120");
        var explicitCutoff = ChurnCommandLine.Run("train", "--input", csv, "--models", _dir, "--cutoffs", "2024-05-01");

        Assert.Equal(1, planned.Exit);
        Assert.Matches(@"^train: not enough data: .* less than two horizons of 120 d .*: use --horizon-days ≤ \d+, or a longer history$", Assert.Single(planned.ErrorLines));
        Assert.Equal(1, explicitCutoff.Exit);
        Assert.Matches(@"^train: not enough data: horizon 90 d from cutoff 2024-05-01 runs past the data end 2024-06-2\d: use --horizon-days ≤ \d+ or a cutoff ≤ 2024-03-\d\d \(--cutoffs\)$", Assert.Single(explicitCutoff.ErrorLines));
        Assert.Empty(new ModelRegistry(_dir).List());
    }

    [Fact]
    public void Evaluate_at_a_cutoff_whose_horizon_runs_past_the_data_says_which_cutoff_would_work()
    {
        var models = Path.Combine(_dir, "models");
        fixture.CopyTo(models, "v1");
        var csv = OrderCsv.WriteOne(Path.Combine(_dir, "orders.csv"), SyntheticHistory.Generate(200, 365, seed: 9));

        var run = ChurnCommandLine.Run("evaluate", "--input", csv, "--models", models, "--version", "v1", "--cutoffs", "2030-01-01");

        Assert.Equal(1, run.Exit);
        Assert.Matches(@"^evaluate: not enough data: horizon 90 d from cutoff 2030-01-01 runs past the data end 2024-12-\d\d: use a cutoff ≤ 2024-10-\d\d \(--cutoffs\)$", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Training_examples_of_one_outcome_only_say_which_way_to_move_the_horizon()
    {
        // Everyone orders every week for two years: nobody churns within 90 days.
        var rows = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 104).Select(w => $"c{c},{SyntheticHistory.Start.AddDays((7 * w) + (c % 7)):yyyy-MM-dd},10"));
        var csv = Path.Combine(_dir, "loyal.csv");
        File.WriteAllLines(csv, [OrderCsv.Header, .. rows]);

        var run = ChurnCommandLine.Run("train", "--input", csv, "--models", _dir);

        Assert.Equal(1, run.Exit);
        Assert.Matches(@"^train: not enough data: all \d+ training examples are retained: both outcomes are needed; use a shorter --horizon-days \(now 90\) or other --cutoffs$", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void A_constant_model_is_refused_unless_forced_and_then_not_promoted_without_force()
    {
        // 60 customers: fewer training examples than two leaves of 100 need, so no tree can split.
        var csv = OrderCsv.WriteOne(Path.Combine(_dir, "tiny.csv"), SyntheticHistory.Generate(60, 730, seed: 11));
        var models = Path.Combine(_dir, "models");

        var refused = ChurnCommandLine.Run("train", "--input", csv, "--models", models, "--trees", "20", "--promote");
        var forced = ChurnCommandLine.Run("train", "--input", csv, "--models", models, "--trees", "20", "--force");
        var version = Assert.Single(new ModelRegistry(models).List()).Version;
        var promote = ChurnCommandLine.Run("models", "promote", version, "--models", models);
        var promoteForced = ChurnCommandLine.Run("models", "promote", version, "--models", models, "--force");

        Assert.Equal(1, refused.Exit);
        Assert.Matches("^train: the trained model is constant: it scores every customer 0\\.\\d+ .*pass --force to keep it anyway$", Assert.Single(refused.ErrorLines));
        Assert.Equal(0, forced.Exit);
        Assert.StartsWith($"warning: {version} is constant", Assert.Single(forced.ErrorLines), StringComparison.Ordinal);
        Assert.NotNull(ModelFiles.ReadMetadata(Path.Combine(models, version)).ConstantScore);
        Assert.Equal(1, promote.Exit);
        Assert.Contains("is constant", Assert.Single(promote.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, promoteForced.Exit);
        Assert.Equal(version, new ModelRegistry(models).CurrentVersion());
    }

    [Fact]
    public void Evaluate_warns_once_when_its_customers_overlap_the_training_set_and_writes_scores()
    {
        var models = Path.Combine(_dir, "models");
        var version = Path.GetFileName(fixture.CopyTo(models, "v1"));
        var events = SyntheticHistory.Generate(customers: 2500, days: 730, seed: 42);
        var same = OrderCsv.WriteOne(Path.Combine(_dir, "same.csv"), events);
        var others = OrderCsv.WriteOne(Path.Combine(_dir, "others.csv"), events, customerPrefix: "new-");
        var scores = Path.Combine(_dir, "scores.csv");

        var overlapping = ChurnCommandLine.Run("evaluate", "--input", same, "--models", models, "--version", version, "--scores-out", scores);
        var fresh = ChurnCommandLine.Run("evaluate", "--input", others, "--models", models, "--version", version);

        Assert.Equal(0, overlapping.Exit);
        Assert.Matches(@"^warning: \d+ of \d+ evaluated customers were in v1's training set; their scores are optimistic", Assert.Single(overlapping.ErrorLines));
        Assert.Contains(overlapping.OutputLines, l => l.StartsWith("model ", StringComparison.Ordinal));
        Assert.True(File.ReadAllLines(scores).Length > 100);
        Assert.Equal(0, fresh.Exit);
        Assert.Empty(fresh.Error);
    }

    [Fact]
    public void Models_list_has_a_header_sorts_by_creation_time_and_marks_what_serves()
    {
        var models = Path.Combine(_dir, "models");
        SetCreated(fixture.CopyTo(models, "va"), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        SetCreated(fixture.CopyTo(models, "vb"), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        new ModelRegistry(models).Promote("vb");

        var run = ChurnCommandLine.Run("models", "list", "--models", models);

        Assert.Equal(0, run.Exit);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("  VERSION", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("* vb ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("promoted, serving", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  va ", lines[2], StringComparison.Ordinal);
        Assert.Equal("serving: vb (promoted)", lines[^1]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void SetCreated(string folder, DateTimeOffset created)
    {
        var path = Path.Combine(folder, ModelFiles.Metadata);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path))!;
        json["created_at"] = JsonSerializer.SerializeToElement(created);
        File.WriteAllText(path, JsonSerializer.Serialize(json));
    }
}
