using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Tests;

/// <summary>A malformed version folder never crashes anything: it is refused, counted, and the previous model serves.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed partial class MalformedModelTests(TrainedModelFixture fixture) : IDisposable
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(2);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rt-churn-malformed-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Malformations => ["null reference", "null names", "truncated model zip", "missing features", "missing model", "empty metadata"];

    [Theory]
    [MemberData(nameof(Malformations))]
    public void Promote_refuses_a_malformed_version_and_leaves_the_pointer_alone(string malformation)
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        registry.Promote("v1");
        Malform(fixture.CopyTo(_root, "v2"), malformation);

        var error = Assert.Throws<ModelRejectedException>(() => registry.Promote("v2"));

        Assert.Equal("v2", error.Version);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("v1", registry.CurrentVersion());
        Assert.Equal(["v1"], registry.History());
    }

    [Theory]
    [MemberData(nameof(Malformations))]
    public void A_polling_scorer_refuses_a_forced_malformed_version_counts_it_once_and_keeps_the_old_model(string malformation)
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        registry.Promote("v1");
        Malform(fixture.CopyTo(_root, "v2"), malformation);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root, PollInterval = s_poll }, time);
        scorer.Start();
        var rejectedBefore = Counter("realtime_models_rejected_total");

        registry.Promote("v2", validate: false);
        time.Advance(s_poll); // the timer callback runs here: it must not throw
        time.Advance(s_poll); // and a refused version is not retried (nor counted) every poll

        Assert.Equal("v1", scorer.ModelVersion);
        Assert.Equal("v2", scorer.PromotedVersion);
        Assert.Equal("v2", scorer.LastRejection?.Version);
        Assert.Equal(rejectedBefore + 1, Counter("realtime_models_rejected_total"));
        Assert.Equal("v1", scorer.Score(new float[Core.Churn.FeatureSchema.Count], []).ModelVersion);
    }

    [Fact]
    public void A_scorer_started_on_a_refused_pointer_serves_the_newest_earlier_promotion_that_loads()
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        registry.Promote("v1");
        Malform(fixture.CopyTo(_root, "v2"), "null reference");
        registry.Promote("v2", validate: false);

        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });

        Assert.Equal("v1", scorer.ModelVersion);
        Assert.Equal("v2", scorer.LastRejection?.Version);
    }

    [Fact]
    public void A_scorer_started_on_a_refused_first_promotion_answers_with_the_baseline()
    {
        var registry = new ModelRegistry(_root);
        Malform(fixture.CopyTo(_root, "v1"), "truncated model zip");
        registry.Promote("v1", validate: false);

        using var scorer = new ChurnScorer(new ChurnScorerOptions { ModelsRoot = _root });

        Assert.Equal(ChurnScorer.BaselineVersion, scorer.ModelVersion);
        Assert.Equal("v1", scorer.LastRejection?.Version);
    }

    [Fact]
    public void The_models_promote_command_refuses_a_malformed_version_with_one_line_and_exit_code_1()
    {
        Malform(fixture.CopyTo(_root, "v1"), "null reference");

        var run = ChurnCommandLine.Run("models", "promote", "v1", "--models", _root);

        Assert.Equal(1, run.Exit);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("promote: refused: model v1 refused: features.json has no reference list", line, StringComparison.Ordinal);
        Assert.Null(new ModelRegistry(_root).CurrentVersion());
    }

    [Fact]
    public void Rollback_onto_a_refused_version_is_refused_and_changes_nothing()
    {
        var registry = new ModelRegistry(_root);
        Malform(fixture.CopyTo(_root, "v1"), "null reference");
        fixture.CopyTo(_root, "v2");
        registry.Promote("v1", validate: false);
        registry.Promote("v2");

        var run = ChurnCommandLine.Run("models", "rollback", "--models", _root);

        Assert.Equal(1, run.Exit);
        Assert.Contains("model v1 refused", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("v2", registry.CurrentVersion());
        Assert.Equal(["v1", "v2"], registry.History());
    }

    [Fact]
    public void Models_list_says_the_previous_version_serves_while_the_promoted_one_is_refused()
    {
        var registry = new ModelRegistry(_root);
        fixture.CopyTo(_root, "v1");
        registry.Promote("v1");
        Malform(fixture.CopyTo(_root, "v2"), "null reference");
        registry.Promote("v2", validate: false);

        var run = ChurnCommandLine.Run("models", "list", "--models", _root);

        Assert.Equal(0, run.Exit);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("  v2", StringComparison.Ordinal) && l.EndsWith("promoted, REFUSED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("* v1", StringComparison.Ordinal) && l.Contains("serving", StringComparison.Ordinal));
        Assert.StartsWith("serving: v1 (model v2 refused", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Models_list_of_an_empty_registry_says_the_baseline_serves()
    {
        var run = ChurnCommandLine.Run("models", "list", "--models", _root);

        Assert.Equal(0, run.Exit);
        Assert.Equal([$"no versions in {_root}", "serving: baseline, the built-in rule scorer (nothing is promoted)"], run.OutputLines);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static void Malform(string folder, string malformation)
    {
        var features = Path.Combine(folder, ModelFiles.Features);
        switch (malformation)
        {
            case "null reference":
                File.WriteAllText(features, ReferenceList().Replace(File.ReadAllText(features), "\"reference\": null"));
                break;
            case "null names":
                File.WriteAllText(features, NamesList().Replace(File.ReadAllText(features), "\"names\": null"));
                break;
            case "truncated model zip":
                var model = Path.Combine(folder, ModelFiles.Model);
                var bytes = File.ReadAllBytes(model);
                File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
                break;
            case "missing features":
                File.Delete(features);
                break;
            case "missing model":
                File.Delete(Path.Combine(folder, ModelFiles.Model));
                break;
            case "empty metadata":
                File.WriteAllText(Path.Combine(folder, ModelFiles.Metadata), "null");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(malformation), malformation, null);
        }

        if (malformation.StartsWith("null", StringComparison.Ordinal))
        {
            Assert.Contains(malformation.Replace("null ", "\"", StringComparison.Ordinal) + "\": null", File.ReadAllText(features), StringComparison.Ordinal);
        }
    }

    private static double Counter(string name)
    {
        using var stream = new MemoryStream();
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("\"reference\":\\s*\\[[^\\]]*\\]")]
    private static partial Regex ReferenceList();

    [GeneratedRegex("\"names\":\\s*\\[[^\\]]*\\]")]
    private static partial Regex NamesList();
}
