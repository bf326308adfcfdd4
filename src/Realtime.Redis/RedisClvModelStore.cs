using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Realtime.Core.Caching;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// The fitted CLV model as one small JSON string at <c>&lt;prefix&gt;:clv:model</c>, and the refit lease at
/// <c>&lt;prefix&gt;:clv:fit-lease</c>. <see cref="Current"/> is read through a <see cref="BackgroundRefreshCache{T}"/>
/// refreshed at most every <see cref="Refresh"/>: the request path never waits on Redis, and a failed or unreadable
/// read keeps the previous model (logged and counted). A stored fit that fails <see cref="ClvModelFit.Problem"/> is
/// ignored, so a bad value can never replace the fallback with garbage.
/// </summary>
public sealed class RedisClvModelStore : IClvModelStore, IClvModelSource
{
    /// <summary>The <c>component</c> label of this cache in <c>realtime_background_refresh_failures_total</c>.</summary>
    public const string RefreshComponent = "clv_model";

    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly ILogger _logger;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly BackgroundRefreshCache<ClvModel> _model;
    private string? _ignoredProblem; // touched only by the one load running at a time

    public RedisClvModelStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock, ILogger<RedisClvModelStore>? logger = null)
    {
        _db = redis.GetDatabase();
        _keys = keys;
        _logger = logger ?? NullLogger<RedisClvModelStore>.Instance;
        // The fallback serves until the first access has read the stored model.
        _model = new(RefreshComponent, LoadModelAsync, Refresh, clock, BackgroundRefreshFailures.Hook(_logger), ClvModel.None, initialIsFresh: false);
    }

    public ClvModel Current => _model.Current;

    public async Task<ClvModelFit?> ReadAsync(CancellationToken cancellationToken)
    {
        RedisValue json;
        using (RedisMetrics.RoundTrip.WithLabels("read_clv_model").NewTimer())
        {
            json = await _db.StringGetAsync(_keys.ClvModel).WaitAsync(cancellationToken);
        }

        return json.IsNullOrEmpty ? null : Decode(json!);
    }

    public async Task SaveAsync(ClvModelFit fit, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(Encode(fit), ClvModelJsonContext.Default.ClvModelDocument);
        using (RedisMetrics.RoundTrip.WithLabels("save_clv_model").NewTimer())
        {
            await _db.StringSetAsync(_keys.ClvModel, json).WaitAsync(cancellationToken);
        }

        // This instance serves the new model at once; the others within their refresh interval.
        if (fit.Problem() is null)
        {
            _model.Set(fit.Model);
        }
    }

    public async Task<bool> TryAcquireFitLeaseAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using (RedisMetrics.RoundTrip.WithLabels("clv_fit_lease").NewTimer())
        {
            return await _db.StringSetAsync(_keys.ClvFitLease, _owner, duration, When.NotExists).WaitAsync(cancellationToken);
        }
    }

    private static ClvModelDocument Encode(ClvModelFit fit) => new(
        ClvModelDocument.CurrentVersion,
        fit.FittedAt,
        fit.Customers,
        fit.RepeatCustomers,
        fit.Converged,
        fit.BgNbd.R,
        fit.BgNbd.Alpha,
        fit.BgNbd.A,
        fit.BgNbd.B,
        fit.BgNbdLogLikelihood,
        fit.GammaGamma?.P,
        fit.GammaGamma?.Q,
        fit.GammaGamma?.Gamma,
        fit.GammaGammaLogLikelihood);

    // Null for a value this version cannot read (another version, missing fields): the caller treats it as no model.
    private static ClvModelFit? Decode(string json)
    {
        var d = JsonSerializer.Deserialize(json, ClvModelJsonContext.Default.ClvModelDocument);
        if (d is null || d.Version != ClvModelDocument.CurrentVersion)
        {
            return null;
        }

        var gg = d is { P: { } p, Q: { } q, Gamma: { } gamma } ? new GammaGammaParameters(p, q, gamma) : null;
        return new ClvModelFit(
            new BgNbdParameters(d.R, d.Alpha, d.A, d.B), gg, d.FittedAt, d.Customers, d.RepeatCustomers, d.BgnbdLogLikelihood,
            gg is null ? null : d.GammaGammaLogLikelihood, d.Converged);
    }

    // A failed read (Redis down, unparsable JSON) throws: the cache keeps the model in force, logs and counts it.
    private async Task<ClvModel> LoadModelAsync(CancellationToken cancellationToken)
    {
        var fit = await ReadAsync(cancellationToken);
        var problem = fit?.Problem();
        if (problem is not null && problem != _ignoredProblem)
        {
            // A stored fit that fails its checks never replaces the model in force; said once, not every refresh.
            RedisLog.ClvModelIgnored(_logger, problem);
        }

        _ignoredProblem = problem;
        return problem is null ? fit?.Model ?? ClvModel.None : _model.Last ?? ClvModel.None;
    }
}
