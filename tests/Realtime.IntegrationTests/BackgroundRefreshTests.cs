using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>Cached Redis values refreshed in the background: a failed refresh is counted and the last good value serves.</summary>
[Collection(ServersCollection.Name)]
public sealed class BackgroundRefreshTests(Servers servers)
{
    private const string Failures = "realtime_background_refresh_failures_total";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_failing_histogram_refresh_is_counted_and_the_last_histograms_keep_serving()
    {
        var keys = new RedisKeys("bgr-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var counters = new RedisLifecycleCounters(servers.Connection, keys, clock);
        await counters.ApplyAsync([new CounterDelta("customers", 3)], CancellationToken.None);
        await counters.RefreshNowAsync(CancellationToken.None);
        var good = counters.CurrentHistograms;
        var before = Counter(RedisLifecycleCounters.RefreshComponent);

        // A value this version cannot parse: the refresh throws inside a task nobody awaits.
        await servers.Connection.GetDatabase().HashSetAsync(counters.Keys[0], "customers", "not a number");
        clock.Advance(RedisLifecycleCounters.HistogramRefresh + TimeSpan.FromSeconds(1));
        _ = counters.CurrentHistograms;
        await WaitUntilAsync(() => Counter(RedisLifecycleCounters.RefreshComponent) > before);

        // The counter is process-wide: another test's engine may count a failure of its own meanwhile, so "> before", not "== before + 1".
        Assert.Same(good, counters.CurrentHistograms);
        Assert.True(Counter(RedisLifecycleCounters.RefreshComponent) > before);
    }

    [Fact]
    public async Task An_unreadable_stored_clv_model_is_counted_and_the_model_in_force_keeps_serving()
    {
        var keys = new RedisKeys("bgr-" + Guid.NewGuid().ToString("N"));
        await servers.Connection.GetDatabase().StringSetAsync(keys.ClvModel, "{ not json");
        var store = new RedisClvModelStore(servers.Connection, keys, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var before = Counter(RedisClvModelStore.RefreshComponent);

        var served = store.Current; // the first access starts the refresh
        await WaitUntilAsync(() => Counter(RedisClvModelStore.RefreshComponent) > before);

        Assert.Same(ClvModel.None, served);
        Assert.Same(ClvModel.None, store.Current);
    }

    [Fact]
    public async Task A_failing_offer_stats_refresh_serves_the_stale_copy_and_is_counted()
    {
        var keys = new RedisKeys("bgr-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var store = new RedisOfferStatsStore(servers.Connection, keys, clock);
        var good = await store.GetStatsAsync(CancellationToken.None);
        var before = Counter("offer_stats");

        // Not an integer: the read fails while it converts the hash (keys as OfferKeys lays them out).
        await servers.Connection.GetDatabase().HashSetAsync($"{keys.Prefix}:offers:stats", "o1:shown", "not a number");
        clock.Advance(RedisOfferStatsStore.CacheFor + TimeSpan.FromSeconds(1));
        var served = await store.GetStatsAsync(CancellationToken.None);

        Assert.Same(good, served);
        Assert.True(Counter("offer_stats") > before);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < s_timeout, $"condition not met within {s_timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static double Counter(string component)
    {
        using var stream = new MemoryStream();
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var series = $"{Failures}{{component=\"{component}\"}} ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[series.Length..], CultureInfo.InvariantCulture);
    }
}
