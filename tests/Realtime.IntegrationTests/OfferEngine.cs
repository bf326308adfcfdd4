using Confluent.Kafka;
using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Core.Offers;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using StackExchange.Redis;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

/// <summary>An engine for offer tests: one scope, its own decisions topic, optional catalog file, and a gRPC client.</summary>
internal sealed class OfferEngine : IAsyncDisposable
{
    private readonly WebApplication _engine;
    private readonly GrpcChannel _channel;

    private OfferEngine(Servers servers, TestScope scope, WebApplication engine)
    {
        Servers = servers;
        Scope = scope;
        _engine = engine;
        _channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        Offers = new OfferService.OfferServiceClient(_channel);
    }

    public Servers Servers { get; }

    public TestScope Scope { get; }

    public OfferService.OfferServiceClient Offers { get; }

    public IServiceProvider Services => _engine.Services;

    public string DecisionsTopic => DecisionsTopicOf(Scope);

    public IDatabase Redis => Servers.Connection.GetDatabase();

    public string StatsKey => $"{Scope.KeyPrefix}:offers:stats";

    public string BudgetKey => $"{Scope.KeyPrefix}:offers:budget";

    public static string DecisionsTopicOf(TestScope scope) => $"decisions-{scope.GroupId}";

    public static Dictionary<string, string?> SettingsFor(Servers servers, TestScope scope, string? catalogPath = null)
    {
        servers.Kafka.CreateTopic(DecisionsTopicOf(scope), 4);
        var settings = scope.Settings;
        settings["Kafka:DecisionsTopic"] = DecisionsTopicOf(scope);
        settings["Offers:CatalogPath"] = catalogPath ?? string.Empty;
        settings["Offers:ReloadIntervalMs"] = "100";
        return settings;
    }

    public static async Task<OfferEngine> StartAsync(
        Servers servers, string name, AppMode mode = AppMode.All, string? catalogPath = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var scope = servers.NewScope(name);
        var settings = SettingsFor(servers, scope, catalogPath);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var engine = RealtimeApp.Build([], mode, settings);
        await engine.StartAsync();
        return new OfferEngine(servers, scope, engine);
    }

    /// <summary>A customer id of the default playbook's treated (or holdout) group.</summary>
    public static string CustomerId(string stem, bool holdout)
    {
        var assigner = HoldoutAssigner.For(DefaultOfferCatalog.Catalog.Policy);
        return Enumerable.Range(0, 10_000).Select(i => $"{stem}{i}").First(id => assigner.IsHoldout(id) == holdout);
    }

    public static CustomerEvent Order(string customerId, DateTimeOffset at, double total = 80, string? offerId = null) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        Type = EventType.OrderPlaced,
        CustomerId = customerId,
        OccurredAt = at,
        OrderId = Guid.NewGuid().ToString(),
        Amount = total,
        OfferId = offerId,
        Lines = [new OrderLine("p1", "shoes", 1, total)],
    };

    public static CustomerEvent Event(EventType type, string customerId, DateTimeOffset at, string? offerId = null, int rating = 0, string? channel = null) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        Type = type,
        CustomerId = customerId,
        OccurredAt = at,
        OfferId = offerId,
        Rating = rating,
        Channel = channel,
        ProductId = type == EventType.ReviewSubmitted ? "p1" : null,
    };

    /// <summary>Polls the stored state until <paramref name="done"/> holds.</summary>
    public Task<bool> WaitForStateAsync(string customerId, Func<CustomerState, bool> done) =>
        UntilAsync(async () => await Scope.Store.GetAsync(customerId, CancellationToken.None) is { } s && done(s));

    /// <summary>Bounded polling for a condition (never a bare sleep).</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        do
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    public async Task<Dictionary<string, long>> StatsAsync() =>
        (await Redis.HashGetAllAsync(StatsKey)).ToDictionary(e => (string)e.Name!, e => (long)e.Value);

    public IConsumer<string, string> DecisionsConsumer()
    {
        var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = Servers.Kafka.BootstrapServers,
            GroupId = "decisions-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 3000,
        }).Build();
        consumer.Subscribe(DecisionsTopic);
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }
}
