namespace Realtime.Core.Caching;

/// <summary>
/// One value that is slow or fallible to read (a Redis hash, a model registry, a certificate file), served from memory
/// and refreshed in the background. Every failure to load is handed to the failure hook (the adapters log it and count
/// it in <c>realtime_background_refresh_failures_total{component=&lt;name&gt;}</c>) and the last good value keeps
/// serving; the next attempt comes one interval later, so an outage costs one failed load (and one log line) per
/// interval, not one per request. One load runs at a time: concurrent callers share it.
/// </summary>
/// <remarks>
/// Three ways to read: <see cref="Current"/> never waits (it starts a background refresh when the value is older than
/// the interval); <see cref="GetAsync"/> waits for that refresh, for callers that would rather be a round trip late
/// than an interval stale; <see cref="RefreshNowAsync"/> loads at once (after a write the caller knows about).
/// <see cref="Start"/> adds a timer, for values that must follow their source while nobody reads them.
/// </remarks>
/// <typeparam name="T">An immutable snapshot: readers keep the reference they got.</typeparam>
public sealed class BackgroundRefreshCache<T>
{
    private readonly Func<CancellationToken, Task<T>> _load;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Action<string, Exception> _refreshFailed;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<T>? _loading;

    /// <summary>A cache with no value yet: the first <see cref="GetAsync"/> waits for the first load and sees its failure.</summary>
    /// <param name="name">The cache's name in logs and in the failure counter's <c>component</c> label (a small fixed set).</param>
    /// <param name="load">Reads the value; may throw. Runs once at a time.</param>
    /// <param name="interval">How old the value may get before the next load.</param>
    /// <param name="clock">The clock that ages the value (tests move a fake one).</param>
    /// <param name="refreshFailed">Told of every failed load, with the cache's name: log and count it there.</param>
    public BackgroundRefreshCache(string name, Func<CancellationToken, Task<T>> load, TimeSpan interval, TimeProvider clock, Action<string, Exception> refreshFailed)
    {
        Name = name;
        _load = load;
        _interval = interval;
        _clock = clock;
        _refreshFailed = refreshFailed;
    }

    /// <summary>A cache serving <paramref name="initial"/> until a load replaces it.</summary>
    /// <param name="name">As in the other constructor.</param>
    /// <param name="load">As in the other constructor.</param>
    /// <param name="interval">As in the other constructor.</param>
    /// <param name="clock">As in the other constructor.</param>
    /// <param name="refreshFailed">As in the other constructor.</param>
    /// <param name="initial">The value served before the first load.</param>
    /// <param name="initialIsFresh">False: the first read already loads (a placeholder); true: <paramref name="initial"/> was just read.</param>
    public BackgroundRefreshCache(string name, Func<CancellationToken, Task<T>> load, TimeSpan interval, TimeProvider clock, Action<string, Exception> refreshFailed, T initial, bool initialIsFresh)
        : this(name, load, interval, clock, refreshFailed)
    {
        _snapshot = new Snapshot(initial, initialIsFresh ? clock.GetTimestamp() : null);
    }

    /// <summary>The <c>component</c> label of this cache's failures.</summary>
    public string Name { get; }

    /// <summary>
    /// The last good value, without waiting; when it is older than the interval (or a placeholder), one background
    /// refresh starts. Throws only when the cache was created without a value and nothing has loaded yet.
    /// </summary>
    public T Current
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot) ?? throw new InvalidOperationException($"The {Name} cache has no value yet: read it with GetAsync first.");
            if (IsStale(snapshot))
            {
                _ = StartLoad(); // observed in LoadAsync: a failure is reported there and never escapes
            }

            return snapshot.Value;
        }
    }

    /// <summary>The last good value (or the placeholder) without starting a refresh: for a loader that may keep it.</summary>
    public T? Last => Volatile.Read(ref _snapshot) is { } snapshot ? snapshot.Value : default;

    /// <summary>
    /// The value, refreshed first (and waited for) when it is older than the interval. A failed refresh answers the
    /// last good value; with none yet, the failure reaches the caller.
    /// </summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot is not null && !IsStale(snapshot) ? Task.FromResult(snapshot.Value) : StartLoad().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Loads now (joining a load already running) and answers the new value. A failure is reported to the hook like
    /// any other and then thrown, since the caller asked for this load.
    /// </summary>
    public Task<T> RefreshNowAsync(CancellationToken cancellationToken) => StartLoad(fallBackToStale: false).WaitAsync(cancellationToken);

    /// <summary>Replaces the value at once (this process wrote it, so it need not wait for the next load).</summary>
    public void Set(T value) => Volatile.Write(ref _snapshot, new Snapshot(value, _clock.GetTimestamp()));

    /// <summary>Also refreshes every interval on a timer, whether or not anyone reads, until the result is disposed.</summary>
    public IDisposable Start() => _clock.CreateTimer(_ => StartLoad(), null, _interval, _interval); // a failure is reported inside the load

    private bool IsStale(Snapshot snapshot) => snapshot.LoadedAt is not { } loadedAt || _clock.GetElapsedTime(loadedAt) >= _interval;

    // The load runs outside the gate (a synchronous loader runs on the caller's thread until its first await), and
    // callers share its task; continuations run asynchronously so no caller resumes while holding anything.
    private Task<T> StartLoad(bool fallBackToStale = true)
    {
        TaskCompletionSource<T> loading;
        lock (_gate)
        {
            if (_loading is { IsCompleted: false } running)
            {
                return running;
            }

            loading = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _loading = loading.Task;
        }

        _ = LoadAsync(loading, fallBackToStale);
        return loading.Task;
    }

    // Never throws: the outcome goes to the shared task.
    private async Task LoadAsync(TaskCompletionSource<T> loading, bool fallBackToStale)
    {
        var startedAt = _clock.GetTimestamp();
        try
        {
            var value = await _load(CancellationToken.None);
            Volatile.Write(ref _snapshot, new Snapshot(value, startedAt));
            loading.SetResult(value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _refreshFailed(Name, ex);
            var stale = Volatile.Read(ref _snapshot);
            if (stale is null || !fallBackToStale)
            {
                loading.SetException(ex);
                return;
            }

            // The stale value serves one more interval before the next attempt.
            Volatile.Write(ref _snapshot, stale with { LoadedAt = startedAt });
            loading.SetResult(stale.Value);
        }
    }

    /// <summary>A value and the clock's timestamp when the load that read it started (null: a placeholder, load on first read).</summary>
    private sealed record Snapshot(T Value, long? LoadedAt);
}
