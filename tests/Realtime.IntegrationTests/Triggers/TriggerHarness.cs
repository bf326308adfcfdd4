using Microsoft.Extensions.Time.Testing;
using Realtime.Host;
using StackExchange.Redis;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>
/// One trigger test's world: a scope (topics, key prefix), a trigger topic with a feed reading it, a test clock, and
/// engines built against them (ingest mode: the ingest step and the trigger sweeper, sweeping every 50 ms of test time).
/// </summary>
internal sealed class TriggerHarness : IAsyncDisposable
{
    private readonly Servers _servers;
    private readonly Dictionary<string, string?> _settings;

    public TriggerHarness(Servers servers, string name, DateTimeOffset start, params (string Key, string Value)[] settings)
    {
        _servers = servers;
        Scope = servers.NewScope(name);
        Clock = new FakeTimeProvider(start);
        Topic = $"triggers-{Scope.EventsTopic}";
        Feed = new TriggerFeed(servers, Topic);
        _settings = Scope.Settings;
        _settings["Triggers:Topic"] = Topic;
        _settings["Triggers:Sweep:IntervalMs"] = "50";
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public TestScope Scope { get; }

    public FakeTimeProvider Clock { get; }

    public string Topic { get; }

    public TriggerFeed Feed { get; }

    public WebApplication? Engine { get; private set; }

    private IDatabase Db => _servers.Connection.GetDatabase();

    private string DueKey => $"{Scope.KeyPrefix}:trig:due";

    /// <summary>Starts an engine on the harness's settings and clock (ingest mode unless told otherwise).</summary>
    public async Task StartAsync(AppMode mode = AppMode.Ingest)
    {
        Engine = RealtimeApp.Build([], mode, _settings, Clock);
        await Engine.StartAsync();
    }

    /// <summary>Stops the engine and starts a new one on the same topics, group and keys (a restart).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>The customer's trigger due time in the index, or null.</summary>
    public async Task<DateTimeOffset?> DueAsync(string customer) =>
        await Db.SortedSetScoreAsync(DueKey, customer) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;

    /// <summary>Waits (ticking the clock by a second each poll, so sweeps run) until the customer's due time satisfies <paramref name="condition"/>.</summary>
    public async Task<DateTimeOffset?> WaitForDueAsync(string customer, Func<DateTimeOffset?, bool> condition, bool tick = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        DateTimeOffset? due;
        while (!condition(due = await DueAsync(customer)) && DateTime.UtcNow < deadline)
        {
            if (tick)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(100);
        }

        return due;
    }

    /// <summary>Lets <paramref name="n"/> sweeps run (one test second and 100 ms of real time each).</summary>
    public async Task TickAsync(int n = 10)
    {
        for (var i = 0; i < n; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
    }

    public async Task StopAsync()
    {
        if (Engine is { } engine)
        {
            await engine.StopAsync();
            await engine.DisposeAsync();
            Engine = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Feed.Dispose();
    }
}
