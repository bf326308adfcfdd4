using System.Globalization;
using Realtime.Scoring.Ranking;

namespace Realtime.Scoring.Tests.Ranking;

/// <summary><c>realtime ranker train|list|promote|rollback</c> on a CSV order-line export, as a user runs them.</summary>
public sealed class RankerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("realtime-ranker-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_with_promote_registers_a_served_version_that_list_marks_and_rollback_undoes()
    {
        var csv = Path.Combine(_folder, "lines.csv");
        var lines = RepurchasePopulation.Generate(customers: 40, ordersPerCustomer: 6, seed: 3)
            .SelectMany(e => e.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{e.EventId},{e.CustomerId},{e.OccurredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{l.ProductId},{l.UnitPrice:0.00}")));
        File.WriteAllLines(csv, ["order,customer,date,product,amount", .. lines]);
        var models = Path.Combine(_folder, "models");

        var train = ChurnCommandLine.Run(
            "ranker", "train", "--input", csv, "--columns", "customer=customer,date=date,amount=amount,order=order,product=product",
            "--models", models, "--validation-days", "10", "--max-rounds", "20", "--promote");

        Assert.True(train.Exit == 0, train.Error);
        Assert.Contains("trained ranker v", train.Output, StringComparison.Ordinal);
        var version = new RankerRegistry(models).CurrentVersion();
        Assert.NotNull(version);
        Assert.Contains($"promoted ranker {version}", train.Output, StringComparison.Ordinal);
        Assert.Contains($"* {version}", ChurnCommandLine.Run("ranker", "list", "--models", models).Output, StringComparison.Ordinal);

        var rollback = ChurnCommandLine.Run("ranker", "rollback", "--models", models);
        Assert.Equal(0, rollback.Exit);
        Assert.Contains("the blend serves", rollback.Output, StringComparison.Ordinal);
        Assert.Null(new RankerRegistry(models).CurrentVersion());
    }

    [Fact]
    public void Promote_of_an_unknown_version_fails_with_a_one_line_reason()
    {
        var run = ChurnCommandLine.Run("ranker", "promote", "v20990101-0000-ffff", "--models", Path.Combine(_folder, "models"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("not promoted", run.Error, StringComparison.Ordinal);
    }
}
