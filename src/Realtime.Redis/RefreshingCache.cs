using Microsoft.Extensions.Logging;

namespace Realtime.Redis;

/// <summary>
/// A value read from Redis at most every <c>maxAge</c>: callers within the age share the cached copy, and one
/// caller's read refreshes it for all (concurrent callers wait on the same read). When a refresh fails and a copy
/// exists, the stale copy is served (for one more <c>maxAge</c>) rather than failing the request; the failure is logged
/// and counted in <c>realtime_background_refresh_failures_total{component}</c>. Without a copy the failure reaches the caller.
/// </summary>
internal sealed class RefreshingCache<T>(Func<Task<T>> load, TimeSpan maxAge, TimeProvider clock, string component, ILogger logger)
    where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private long _loadedAt;
    private Task<T>? _loading;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> loading;
        lock (_gate)
        {
            if (_value is not null && clock.GetElapsedTime(_loadedAt) < maxAge)
            {
                return Task.FromResult(_value);
            }

            if (_loading is null || _loading.IsCompleted)
            {
                _loading = LoadAsync();
            }

            loading = _loading;
        }

        return loading.WaitAsync(cancellationToken);
    }

    private async Task<T> LoadAsync()
    {
        var started = clock.GetTimestamp();
        try
        {
            var value = await load();
            lock (_gate)
            {
                _value = value;
                _loadedAt = started;
            }

            return value;
        }
        catch (Exception ex) when (Volatile.Read(ref _value) is { } stale)
        {
            // The stale copy serves for one more interval before the next attempt: during an outage, one failed read
            // (and one log line) per interval, not one per request.
            RedisMetrics.RefreshFailed(logger, component, ex);
            lock (_gate)
            {
                _loadedAt = started;
            }

            return stale;
        }
    }
}
