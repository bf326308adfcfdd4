using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Core.Caching;
using Realtime.Core.Churn;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Serving;

/// <summary>
/// Scores churn risk with the registry's promoted model and follows promotions without a restart.
/// The model is one immutable reference swapped atomically: a request reads it once, so a swap in the middle of a
/// request never mixes two models, and in-flight requests finish on the old one (which the GC frees afterwards).
/// A version that fails validation in any way is refused, logged, counted, remembered (not retried every poll) and the
/// previous model keeps serving; at start-up with a refused pointer, the newest earlier promotion that loads serves
/// (see <see cref="ModelRegistry.Resolve"/>), so a restarted instance agrees with the running ones. With no promoted model, <see cref="BaselineChurnScore"/> answers as version <c>"baseline"</c>: scoring never fails.
/// Scoring is allocation-free: features go to a stack buffer and the forest is evaluated directly.
/// </summary>
public sealed class ChurnScorer : IDisposable
{
    /// <summary>The version reported when no model is promoted.</summary>
    public const string BaselineVersion = IChurnModel.BaselineVersion;

    /// <summary>The <c>component</c> label of the registry poll in <c>realtime_background_refresh_failures_total</c>.</summary>
    public const string RefreshComponent = "churn_model";

    private readonly ChurnScorerOptions _options;
    private readonly ModelRegistry _registry;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ModelRejectedException> _rejected = new(StringComparer.Ordinal);
    private readonly BackgroundRefreshCache<LoadedChurnModel?> _models; // null: the baseline serves
    private readonly Lock _pollingGate = new();
    private string? _promoted;
    private bool _resolved;
    private IDisposable? _polling;

    /// <summary>Creates the scorer and loads the current version synchronously (call <see cref="Start"/> to follow promotions).</summary>
    public ChurnScorer(ChurnScorerOptions options, TimeProvider? time = null, ILogger<ChurnScorer>? logger = null)
    {
        if (options.MediumThreshold > options.HighThreshold)
        {
            throw new ArgumentException("Churn:MediumThreshold must not exceed Churn:HighThreshold", nameof(options));
        }

        _options = options;
        _registry = new ModelRegistry(options.ModelsRoot);
        _logger = logger ?? NullLogger<ChurnScorer>.Instance;
        LoadedChurnModel? first = null;
        try
        {
            first = Resolve(current: null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PollFailed(RefreshComponent, ex);
        }

        ReportServing(first);

        // Scoring reads the cache's last value and never starts a load: the registry is polled on the timer (Start)
        // or by RefreshAsync, one poll at a time.
        _models = new(RefreshComponent, PollAsync, options.PollInterval, time ?? TimeProvider.System, PollFailed, first, initialIsFresh: true);
    }

    /// <summary>The version scoring right now, or <see cref="BaselineVersion"/>.</summary>
    public string ModelVersion => _models.Last?.Version ?? BaselineVersion;

    /// <summary>The version the registry's <c>current</c> pointer named at the last successful poll; null when none.</summary>
    public string? PromotedVersion => Volatile.Read(ref _promoted);

    /// <summary>Why the most recently promoted version was refused; null once a version loads.</summary>
    public ModelRejectedException? LastRejection { get; private set; }

    /// <summary>Starts polling the <c>current</c> pointer every <see cref="ChurnScorerOptions.PollInterval"/>.</summary>
    public void Start()
    {
        lock (_pollingGate)
        {
            _polling ??= _models.Start();
        }
    }

    /// <summary>
    /// Checks the pointer now and swaps in a newly promoted, valid version. True when the model changed. Never throws:
    /// a version that fails to load in any way is refused (logged, counted in <c>realtime_models_rejected_total</c>,
    /// not retried) and the model in force keeps serving; an unreadable registry is logged, counted and retried.
    /// </summary>
    public async Task<bool> RefreshAsync()
    {
        var before = _models.Last;
        try
        {
            return !ReferenceEquals(before, await _models.RefreshNowAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // logged and counted by PollFailed; a transient read problem must not drop a working model
        }
    }

    // Synchronous file reads; the cache runs one poll at a time, which keeps the resolution state below single-threaded.
    private Task<LoadedChurnModel?> PollAsync(CancellationToken cancellationToken)
    {
        var serving = Resolve(_models.Last);
        ReportServing(serving);
        return Task.FromResult(serving);
    }

    // When the serving model was trained, for the model-age alert; 0 while the baseline serves.
    private static void ReportServing(LoadedChurnModel? serving) =>
        ScoringMetrics.ModelCreated.Set(serving?.Metadata.CreatedAt.ToUnixTimeSeconds() ?? 0);

    private void PollFailed(string component, Exception exception)
    {
        ScoringMetrics.RegistryPollFailures.Inc();
        ScoringMetrics.BackgroundRefreshFailures.WithLabels(component).Inc();
        ScoringLog.PollFailed(_logger, _registry.Root, _models?.Last?.Version ?? BaselineVersion, exception); // _models is null while the constructor's first poll fails
    }

    /// <summary>The model to serve after reading the pointer: <paramref name="current"/> itself when nothing changes.</summary>
    private LoadedChurnModel? Resolve(LoadedChurnModel? current)
    {
        var pointer = _registry.CurrentVersion();
        if (_resolved && pointer == _promoted)
        {
            return current; // every outcome for a pointer is final: loaded, or refused and remembered
        }

        (_resolved, _promoted) = (true, pointer);
        if (pointer is null)
        {
            // Rolled back past the first promotion: nothing is promoted, so the documented baseline answers.
            LastRejection = null;
            ScoringLog.ServingBaseline(_logger);
            return null;
        }

        if (pointer == current?.Version)
        {
            LastRejection = null; // back on the version in force (a rollback after a refused promotion)
            return current;
        }

        if (_rejected.TryGetValue(pointer, out var known))
        {
            LastRejection = known; // pointed back at a version refused before: the refusal stands
            return current;
        }

        // With nothing loaded yet (start-up), fall back as every other instance would: the newest earlier promotion
        // that loads, else the baseline (ModelRegistry.Resolve). With a model in force, that model keeps serving.
        var serving = current is null ? _registry.Resolve(_rejected.Keys) : TryLoad(pointer, current);
        LastRejection = serving.Rejection;
        if (serving.Rejection is { } rejection)
        {
            _rejected[pointer] = rejection;
            ScoringMetrics.ModelsRejected.Inc();
            ScoringLog.Refused(_logger, pointer, rejection.Reason, serving.ServingVersion);
        }

        if (serving.Model is null || ReferenceEquals(serving.Model, current))
        {
            return current;
        }

        ScoringLog.Serving(_logger, serving.Model.Version, pointer);
        return serving.Model;
    }

    private ModelServing TryLoad(string pointer, LoadedChurnModel current)
    {
        try
        {
            return new ModelServing(pointer, _registry.Load(pointer), null);
        }
        catch (ModelRejectedException ex)
        {
            return new ModelServing(pointer, current, ex);
        }
    }

    /// <summary>The band of a score under the configured thresholds.</summary>
    public RiskBand BandOf(float score) =>
        score >= _options.HighThreshold ? RiskBand.High : score >= _options.MediumThreshold ? RiskBand.Medium : RiskBand.Low;

    /// <summary>Scores a customer as of <paramref name="now"/> (no explanation).</summary>
    public ChurnScore Score(CustomerState state, DateTimeOffset now) => Score(state, now, []);

    /// <summary>
    /// Scores a customer as of <paramref name="now"/> and fills <paramref name="topFeatures"/> with the largest
    /// contributions (its length is how many the caller wants; <see cref="ChurnScore.TopFeatureCount"/> says how many were found).
    /// </summary>
    public ChurnScore Score(CustomerState state, DateTimeOffset now, Span<FeatureContribution> topFeatures)
    {
        var model = _models.Last; // read once: this request uses one model whatever a concurrent swap does
        Span<float> features = stackalloc float[FeatureSchema.Count];
        if (model is null)
        {
            ChurnFeatures.Compute(state, now, features);
        }
        else
        {
            model.ComputeFeatures(state, now, features);
        }

        return Score(model, features, topFeatures);
    }

    /// <summary>
    /// Scores a feature vector laid out by <see cref="FeatureSchema"/>, its model-dependent slots already filled for
    /// the serving model (<see cref="LoadedChurnModel.ComputeFeatures"/>).
    /// </summary>
    public ChurnScore Score(ReadOnlySpan<float> features, Span<FeatureContribution> topFeatures) => Score(_models.Last, features, topFeatures);

    private ChurnScore Score(LoadedChurnModel? model, ReadOnlySpan<float> features, Span<FeatureContribution> topFeatures)
    {
        Span<float> contributions = stackalloc float[FeatureSchema.Count];
        float score;
        if (model is null)
        {
            score = BaselineChurnScore.Score(features);
            if (topFeatures.Length > 0)
            {
                BaselineContributions(features, score, contributions);
            }
        }
        else
        {
            // Contributions stay on the forest's own (uncalibrated) scale: Platt scaling is monotone, so their order
            // and signs, which is what the reasons show, are the same.
            score = model.Predict(features);
            if (topFeatures.Length > 0)
            {
                model.Forest.Contributions(features, model.Reference, contributions);
            }
        }

        var count = topFeatures.Length > 0 ? TopContributions(features, contributions, topFeatures) : 0;
        return new ChurnScore(score, BandOf(score), model?.Version ?? BaselineVersion, count);
    }

    public void Dispose()
    {
        lock (_pollingGate)
        {
            _polling?.Dispose();
            _polling = null;
        }
    }

    /// <summary>The baseline's two inputs, by the same occlusion method: recency against "one usual gap", the gap against the default.</summary>
    private static void BaselineContributions(ReadOnlySpan<float> features, float score, Span<float> contributions)
    {
        contributions.Clear();
        if (features[FeatureSchema.HasOrdered] < 0.5f)
        {
            return;
        }

        contributions[FeatureSchema.RecencyDays] = score - 0.5f;
        if (features[FeatureSchema.MeanGapDays] > 0)
        {
            Span<float> probe = stackalloc float[FeatureSchema.Count];
            features.CopyTo(probe);
            probe[FeatureSchema.MeanGapDays] = FeatureSchema.Missing;
            contributions[FeatureSchema.MeanGapDays] = score - BaselineChurnScore.Score(probe);
        }
    }

    /// <summary>Keeps the k largest |contribution| in <paramref name="top"/>, largest first (insertion into a tiny sorted span).</summary>
    private static int TopContributions(ReadOnlySpan<float> features, ReadOnlySpan<float> contributions, Span<FeatureContribution> top)
    {
        var count = 0;
        for (var f = 0; f < contributions.Length; f++)
        {
            var c = contributions[f];
            if (c == 0 || (count == top.Length && Math.Abs(c) <= Math.Abs(top[count - 1].Contribution)))
            {
                continue;
            }

            var i = Math.Min(count, top.Length - 1);
            while (i > 0 && Math.Abs(top[i - 1].Contribution) < Math.Abs(c))
            {
                top[i] = top[i - 1];
                i--;
            }

            top[i] = new FeatureContribution(f, features[f], c);
            count = Math.Min(count + 1, top.Length);
        }

        return count;
    }
}
