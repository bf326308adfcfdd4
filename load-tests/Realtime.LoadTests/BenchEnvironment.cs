using Realtime.Redis;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.LoadTests;

/// <summary>
/// The servers one bench run uses: a local redis-server (or <c>--redis</c>) and the in-process mock Kafka broker
/// (or <c>--kafka</c>), plus a shared Redis connection. Engines under test run as child processes pointed at these.
/// </summary>
internal sealed class BenchEnvironment : IDisposable
{
    private readonly LocalRedisServer? _redisServer;
    private readonly EmbeddedKafka? _kafka;
    private int _topics;

    public BenchEnvironment(BenchOptions options)
    {
        if (options.Redis is null)
        {
            _redisServer = LocalRedisServer.Start();
            RedisEndpoint = _redisServer.ConnectionString;
        }
        else
        {
            RedisEndpoint = options.Redis;
        }

        if (options.Kafka is null)
        {
            _kafka = EmbeddedKafka.Start();
            KafkaBootstrap = _kafka.BootstrapServers;
        }
        else
        {
            KafkaBootstrap = options.Kafka;
        }

        Redis = ConnectionMultiplexer.Connect(RedisEndpoint + ",allowAdmin=true");
        Options = options;
    }

    public BenchOptions Options { get; }

    public string RedisEndpoint { get; }

    public string KafkaBootstrap { get; }

    public ConnectionMultiplexer Redis { get; }

    /// <summary>The key prefix of the loaded population (one per run, so an external Redis is not disturbed).</summary>
    public string KeyPrefix { get; } = $"bench{Environment.ProcessId}";

    public Population? Population { get; set; }

    /// <summary>A fresh topic with <paramref name="partitions"/> partitions (created explicitly on the embedded broker).</summary>
    public string NewTopic(string name, int partitions)
    {
        var topic = $"bench.{name}.{Environment.ProcessId}.{Interlocked.Increment(ref _topics)}";
        _kafka?.CreateTopic(topic, partitions);
        return topic;
    }

    /// <summary>Engine settings pointing at these servers (the child process gets them as <c>--Key=value</c>).</summary>
    public Dictionary<string, string> EngineSettings(string topic, string group) => new()
    {
        ["Kafka:BootstrapServers"] = KafkaBootstrap,
        ["Kafka:EventsTopic"] = topic,
        ["Kafka:DeadLetterTopic"] = topic + ".dlq",
        ["Kafka:SegmentsTopic"] = topic + ".segments",
        ["Kafka:GroupId"] = group,
        ["Kafka:SessionTimeoutMs"] = "3000",
        ["Redis:ConnectionString"] = RedisEndpoint,
        ["Redis:KeyPrefix"] = KeyPrefix,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// Forgets the population's last applied log positions. Each Kafka-fed run uses a new topic whose offsets restart
    /// at 0, and a stored position is (partition, offset) without the topic (one topic in production): without the
    /// reset, a later run's events would look like redeliveries of an earlier run's and be skipped.
    /// </summary>
    public async Task ResetPositionsAsync()
    {
        if (Population is null)
        {
            return;
        }

        var db = Redis.GetDatabase();
        var keys = new RedisKeys(KeyPrefix);
        foreach (var chunk in Population.CustomerIds.Chunk(2000))
        {
            await Task.WhenAll(chunk.Select(id => db.HashSetAsync(keys.Customer(id), "p", -1)));
        }
    }

    public void Dispose()
    {
        Redis.Dispose();
        _kafka?.Dispose();
        _redisServer?.Dispose();
    }
}
