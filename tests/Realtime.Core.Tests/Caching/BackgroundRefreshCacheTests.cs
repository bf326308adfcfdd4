using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Caching;

namespace Realtime.Core.Tests.Caching;

public sealed class BackgroundRefreshCacheTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly List<(string Cache, Exception Error)> _failures = [];
    private readonly Queue<Func<string>> _source = new();
    private int _loads;

    [Fact]
    public async Task A_failed_refresh_serves_the_last_good_value_and_reports_the_failure_with_the_cache_name()
    {
        var cache = Cache();
        _source.Enqueue(() => "v1");
        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));

        _source.Enqueue(() => throw new TimeoutException("redis down"));
        _clock.Advance(s_interval);

        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));
        var failure = Assert.Single(_failures);
        Assert.Equal(("test_cache", "redis down"), (failure.Cache, failure.Error.Message));
    }

    [Fact]
    public async Task After_a_failure_the_stale_value_serves_one_more_interval_before_the_next_attempt()
    {
        var cache = Cache();
        _source.Enqueue(() => "v1");
        await cache.GetAsync(CancellationToken.None);
        _source.Enqueue(() => throw new TimeoutException());
        _clock.Advance(s_interval);
        await cache.GetAsync(CancellationToken.None);

        _source.Enqueue(() => "v2");
        _clock.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("v2", await cache.GetAsync(CancellationToken.None));
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task The_value_is_read_again_only_once_the_interval_has_passed()
    {
        var cache = Cache();
        _source.Enqueue(() => "v1");
        _source.Enqueue(() => "v2");
        await cache.GetAsync(CancellationToken.None);

        _clock.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));
        Assert.Equal(1, _loads);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("v2", await cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public void Current_never_waits_it_serves_the_placeholder_and_refreshes_in_the_background()
    {
        var release = new TaskCompletionSource<string>();
        var cache = new BackgroundRefreshCache<string>("test_cache", _ => { _loads++; return release.Task; }, s_interval, _clock, Failed, "placeholder", initialIsFresh: false);

        Assert.Equal("placeholder", cache.Current);
        Assert.Equal("placeholder", cache.Current); // the refresh is still running: no second load
        release.SetResult("loaded");

        Assert.Equal("loaded", cache.Current);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Without_a_value_yet_the_first_failure_reaches_the_caller_and_is_reported()
    {
        var cache = Cache();
        _source.Enqueue(() => throw new TimeoutException("first read"));

        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync(CancellationToken.None));
        Assert.Single(_failures);
        Assert.Throws<InvalidOperationException>(() => cache.Current);
    }

    [Fact]
    public void A_started_cache_refreshes_on_its_timer_without_reads()
    {
        var cache = new BackgroundRefreshCache<string>("test_cache", Load, s_interval, _clock, Failed, "v0", initialIsFresh: true);
        _source.Enqueue(() => "v1");
        using var timer = cache.Start();

        _clock.Advance(s_interval);

        Assert.Equal(1, _loads);
        Assert.Equal("v1", cache.Last);
    }

    [Fact]
    public async Task Refresh_now_loads_at_once_and_throws_its_failure_after_reporting_it()
    {
        var cache = new BackgroundRefreshCache<string>("test_cache", Load, s_interval, _clock, Failed, "v0", initialIsFresh: true);
        _source.Enqueue(() => "v1");
        Assert.Equal("v1", await cache.RefreshNowAsync(CancellationToken.None));

        _source.Enqueue(() => throw new TimeoutException());
        await Assert.ThrowsAsync<TimeoutException>(() => cache.RefreshNowAsync(CancellationToken.None));
        Assert.Single(_failures);
        Assert.Equal("v1", cache.Current);
    }

    private BackgroundRefreshCache<string> Cache() => new("test_cache", Load, s_interval, _clock, Failed);

    private Task<string> Load(CancellationToken cancellationToken)
    {
        _loads++;
        return Task.FromResult(_source.Dequeue()());
    }

    private void Failed(string cache, Exception error) => _failures.Add((cache, error));
}
