using System.Globalization;
using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Serving;
using Realtime.Scoring.Training;

namespace Realtime.Host.Cli;

/// <summary>
/// The demo's two models: a churn model trained on the simulated history and promoted, and the CLV model (BG/NBD +
/// Gamma-Gamma) fitted on the ingested customers, so the profiles it prints come from the real thing rather than the
/// recency baseline and the CLV fallback. The registry is a temporary folder (never the repository's <c>models/</c>)
/// unless <c>--Churn:ModelsRoot=DIR</c> (or <c>Churn__ModelsRoot</c>) is given.
/// </summary>
internal sealed class DemoModels : IDisposable
{
    private const string ModelsRootArgument = "--Churn:ModelsRoot";

    private readonly string? _temporaryRoot;

    private DemoModels(string[] configArgs, string? temporaryRoot)
    {
        ConfigArgs = configArgs;
        _temporaryRoot = temporaryRoot;
    }

    /// <summary>The demo's settings with the registry root set (a fresh temporary folder unless one was given).</summary>
    public string[] ConfigArgs { get; }

    /// <summary>Uses the user's <c>Churn:ModelsRoot</c> (argument or environment), else a temporary folder removed on dispose.</summary>
    public static DemoModels Folder(string[] configArgs)
    {
        if (configArgs.Any(a => a.StartsWith(ModelsRootArgument, StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("Churn__ModelsRoot") is { Length: > 0 })
        {
            return new DemoModels(configArgs, null);
        }

        var root = Path.Combine(Path.GetTempPath(), "realtime-demo-models-" + Guid.NewGuid().ToString("N")[..12]);
        return new DemoModels([.. configArgs, $"{ModelsRootArgument}={root}"], root);
    }

    /// <summary>Trains, promotes and loads the churn model, then fits and stores the CLV model; prints one line each.</summary>
    public static async Task TrainAsync(WebApplication app, IReadOnlyList<CustomerEvent> history, CancellationToken ct)
    {
        var scorer = app.Services.GetRequiredService<ChurnScorer>();
        var root = app.Services.GetRequiredService<IOptions<ChurnScorerOptions>>().Value.ModelsRoot;
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var trained = await Task.Run(
                () => ChurnTraining.Train(new EnumerableEventSource(history, "the simulated history"), WithRoot(root)), ct);
            new ModelRegistry(root).Promote(trained.Version);
            await scorer.RefreshAsync(); // now, not at the next poll: the profiles below must already be scored by it
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"churn model {trained.Version} trained on {trained.Metadata.TrainExamples} examples (holdout ROC AUC {trained.Report.Model.RocAuc:0.000}) and promoted in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s; serving {scorer.ModelVersion} from {root}"));
        }
        catch (Exception ex) when (ex is NotEnoughDataException or ConstantModelException)
        {
            // A tiny --customers leaves too few labelled examples (or a model that scores everyone alike, which training
            // refuses to register): the demo goes on with the baseline, and says why.
            Console.WriteLine($"churn model not trained ({ex.Message}); the recency baseline serves. More --customers give it enough history.");
        }

        var fit = app.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value.ClvFit;
        // The production floor (Lifecycle:ClvFit:MinCustomers, 500) is above the demo's whole store; 50 buyers still
        // determine the four BG/NBD parameters well enough to show the model at work.
        var demoFit = new ClvFitOptions { IntervalMinutes = fit.IntervalMinutes, MaxCustomers = fit.MaxCustomers, MinCustomers = Math.Min(fit.MinCustomers, 50) };
        var outcome = await app.Services.GetRequiredService<ClvModelFitter>().RunAsync(DateTimeOffset.UtcNow, demoFit, takeLease: false, ct);
        Console.WriteLine(outcome.Status == ClvFitStatus.Stored && outcome.Fit is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"CLV model fitted on {outcome.Buyers} buyers: BG/NBD r={f.BgNbd.R:G3} alpha={f.BgNbd.Alpha:G3} a={f.BgNbd.A:G3} b={f.BgNbd.B:G3}; Gamma-Gamma {(f.GammaGamma is null ? "not fitted" : "fitted")}")
            : $"CLV model not fitted ({outcome.Status}: {outcome.Reason}); profiles use the fallback estimate");
    }

    /// <summary>How a profile's CLV method reads in the demo's output: the model by its name.</summary>
    public static string ClvMethodName(string? method) => method == "model" ? "BG/NBD" : method ?? "-";

    public void Dispose()
    {
        if (_temporaryRoot is not null && Directory.Exists(_temporaryRoot))
        {
            Directory.Delete(_temporaryRoot, recursive: true);
        }
    }

    // The demo's store is small (300 customers, 180 days): a shorter horizon than production's 90 days leaves labelled
    // cutoffs in the history, and small leaves and few trees keep training to a second or two.
    private static ChurnTrainingOptions WithRoot(string root) => new()
    {
        ModelsRoot = root,
        Horizon = TimeSpan.FromDays(30),
        MaxCutoffs = 4,
        NumberOfTrees = 60,
        MinimumExamplesPerLeaf = 20,
        Trainers = [ChurnTrainerKind.FastTree],
    };
}
