using Realtime.Core.State;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.Chaos;

/// <summary>One scenario's processes: redis-server (AOF), the broker, the ingest workers; and the harness's own clients.</summary>
internal sealed class ChaosEnvironment : IDisposable
{
    public const string KeyPrefix = "chaos";

    private int _workersStarted;

    private ChaosEnvironment(string root, ChaosOptions options, ChaosRedis redis, ChaosBroker broker, ConnectionMultiplexer client)
    {
        Root = root;
        Options = options;
        Redis = redis;
        Broker = broker;
        RedisClient = client;
        Keys = new RedisKeys(KeyPrefix);
        Store = new RedisCustomerStateStore(client, Keys);
        Probe = new KafkaProbe(broker.BootstrapServers, options.Partitions);
    }

    public string Root { get; }

    public string PidFile => Path.Combine(Root, "..", "pids");

    public ChaosOptions Options { get; }

    public ChaosRedis Redis { get; }

    public ChaosBroker Broker { get; }

    public ConnectionMultiplexer RedisClient { get; }

    public RedisKeys Keys { get; }

    public RedisCustomerStateStore Store { get; }

    public KafkaProbe Probe { get; }

    /// <summary>Workers alive (started and not yet killed or stopped by the scenario).</summary>
    public List<ChaosWorker> Workers { get; } = [];

    /// <summary>Every worker ever started in this scenario (for logs).</summary>
    public List<ChaosWorker> AllWorkers { get; } = [];

    public static async Task<ChaosEnvironment> StartAsync(string root, ChaosOptions options)
    {
        Directory.CreateDirectory(root);
        var pidFile = Path.Combine(root, "..", "pids");
        var redis = ChaosRedis.Start(root, pidFile);
        ChaosBroker? broker = null;
        try
        {
            broker = await ChaosBroker.StartAsync(root, pidFile, options.Partitions);
            var config = ConfigurationOptions.Parse(redis.ConnectionString);
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = 2000;
            config.SyncTimeout = 5000;
            config.AsyncTimeout = 5000;
            var client = await ConnectionMultiplexer.ConnectAsync(config);
            return new ChaosEnvironment(root, options, redis, broker, client);
        }
        catch
        {
            broker?.Dispose();
            redis.Dispose();
            throw;
        }
    }

    public async Task<ChaosWorker> StartWorkerAsync()
    {
        var worker = await ChaosWorker.StartAsync(this, $"worker-{++_workersStarted}");
        Workers.Add(worker);
        AllWorkers.Add(worker);
        return worker;
    }

    /// <summary>The customers' states in Redis now, with their purchase histories (compared too), or null when Redis does not answer.</summary>
    public async Task<IReadOnlyDictionary<string, CustomerState>?> TryLoadStatesAsync(IReadOnlyCollection<string> customers)
    {
        try
        {
            return await Store.LoadWithHistoryAsync(customers, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var w in AllWorkers)
        {
            w.Dispose();
        }

        Probe.Dispose();
        RedisClient.Dispose();
        Broker.Dispose();
        Redis.Dispose();
    }
}
