using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Core.Caching;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// The Recommend path's ranking stage: the promoted learned ranker when one loads, the hand-tuned blend otherwise.
/// Follows promotions and rollbacks without a restart, like the churn scorer: the model is one immutable reference,
/// swapped atomically after a poll of the registry's <c>current</c> pointer; a request reads it once. A version that
/// fails validation is refused, logged, counted and remembered (not retried every poll) while the model in force
/// keeps serving; a request on which the model throws is answered by the blend. The profile is the customer's stored
/// purchase history (<see cref="CustomerState.History"/>, read with the state when <see cref="ReadsHistory"/>), or for
/// a customer ingested before histories were kept, the estimate from the state (<see cref="PurchaseProfile.FromState"/>:
/// the newest <see cref="StateLimits.PurchasedItems"/> products).
/// </summary>
public sealed class LearnedRecommendationRanking : IRecommendationRanking, IDisposable
{
    /// <summary>The version reported while the blend ranks.</summary>
    public const string BlendVersion = "blend";

    private const string Component = "recs_ranker";
    private readonly RankerRegistry _registry;
    private readonly ILogger _logger;
    private readonly BackgroundRefreshCache<LoadedRankerModel?> _models;
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly int _explorePositions;
    private string? _pointer;
    private bool _resolved;
    private IDisposable? _polling;

    [ThreadStatic]
    private static RankerCandidates? s_candidates;

    /// <summary>Creates the stage and loads the promoted version synchronously (call <see cref="Start"/> to follow promotions).</summary>
    public LearnedRecommendationRanking(RankerServingOptions options, TimeProvider? time = null, ILogger<LearnedRecommendationRanking>? logger = null)
    {
        _registry = new RankerRegistry(options.ModelsRoot);
        _explorePositions = options.ExplorePositions;
        _logger = logger ?? NullLogger<LearnedRecommendationRanking>.Instance;
        LoadedRankerModel? first = null;
        try
        {
            first = Resolve(null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PollFailed(Component, ex);
        }

        _models = new(Component, _ => Task.FromResult(Resolve(_models!.Last)), TimeSpan.FromSeconds(options.PollSeconds), time ?? TimeProvider.System, PollFailed, first, initialIsFresh: true);
        Report(first);
    }

    /// <summary>The version ranking now, or <see cref="BlendVersion"/>.</summary>
    public string ServingVersion => _models.Last?.Version ?? BlendVersion;

    /// <summary>Starts polling the registry's pointer every <see cref="RankerServingOptions.PollSeconds"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _polling ??= _models.Start();
        }
    }

    /// <summary>Checks the pointer now; true when the serving model changed. Never throws.</summary>
    public async Task<bool> RefreshAsync()
    {
        var before = _models.Last;
        try
        {
            return !ReferenceEquals(before, await _models.RefreshNowAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // logged and counted by PollFailed
        }
    }

    /// <summary>Whether a model ranks now: then the caller reads the state with its purchase history.</summary>
    public bool ReadsHistory => _models.Last is not null;

    public ItemSignalQuery Plan(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs) =>
        _models.Last is null
            ? RecommendationPlanner.Plan(request, state, options, nowMs)
            : RankerPlan.Plan(request, state, PurchaseProfile.Of(state), options, nowMs);

    /// <exception cref="ArgumentException">The request is invalid (validate at the edge with <see cref="RecommendationRequest.Problem"/>), as the blend.</exception>
    public List<Recommendation> Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot snapshot, RecommendationOptions options, long nowMs)
    {
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var model = _models.Last; // read once: one model per request whatever a concurrent swap does
        if (model is not null)
        {
            try
            {
                var candidates = s_candidates ??= new RankerCandidates();
                RankerCandidateBuilder.Build(request, state, PurchaseProfile.Of(state), snapshot, options, nowMs, candidates);
                var results = new List<Recommendation>(request.Count);
                LearnedRanking.Rank(request, candidates, model, results, _explorePositions);
                RankerMetrics.Requests.WithLabels("learned").Inc();
                return results;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RankerMetrics.Failures.Inc();
                RankerLog.RankFailed(_logger, model.Version, ex);
            }
        }

        RankerMetrics.Requests.WithLabels("blend").Inc();
        return RecommendationRanker.Rank(request, state, snapshot, options, nowMs);
    }

    public void Dispose() => _polling?.Dispose();

    private LoadedRankerModel? Resolve(LoadedRankerModel? current)
    {
        var pointer = _registry.CurrentVersion();
        if (_resolved && pointer == _pointer)
        {
            return current;
        }

        (_resolved, _pointer) = (true, pointer);
        if (pointer is null)
        {
            RankerLog.ServingBlend(_logger);
            return Report(null);
        }

        if (pointer == current?.Version || _rejected.Contains(pointer))
        {
            return current;
        }

        // With nothing loaded yet (start-up), fall back as every instance would: the newest earlier promotion that loads.
        var candidates = current is null ? _registry.History().Reverse().Prepend(pointer).Distinct() : [pointer];
        foreach (var version in candidates)
        {
            if (_rejected.Contains(version))
            {
                continue;
            }

            try
            {
                var loaded = _registry.Load(version);
                RankerLog.Serving(_logger, loaded.Version);
                return Report(loaded);
            }
            catch (ModelRejectedException ex)
            {
                _rejected.Add(version);
                RankerMetrics.Rejected.Inc();
                RankerLog.Refused(_logger, version, ex.Reason, current?.Version ?? BlendVersion);
            }
        }

        return current;
    }

    private static LoadedRankerModel? Report(LoadedRankerModel? serving)
    {
        foreach (var labels in RankerMetrics.Info.GetAllLabelValues())
        {
            RankerMetrics.Info.WithLabels(labels).Set(0);
        }

        RankerMetrics.Info.WithLabels(serving?.Version ?? BlendVersion).Set(1);
        return serving;
    }

    private void PollFailed(string component, Exception exception)
    {
        RankerMetrics.PollFailures.WithLabels(component).Inc();
        RankerLog.PollFailed(_logger, _registry.Root, _models?.Last?.Version ?? BlendVersion, exception);
    }
}
