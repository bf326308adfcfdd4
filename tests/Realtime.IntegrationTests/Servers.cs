using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// One redis-server and one Kafka-protocol broker (librdkafka's mock cluster on a loopback TCP port) for the whole
/// test assembly. Tests isolate themselves by key prefix and by topic/group suffix, not by fresh servers.
/// <see cref="ClusterServers"/> is the same with a Redis Cluster in place of the one redis-server.
/// </summary>
public class Servers : IDisposable
{
    private static int s_next;
    private readonly LocalRedisServer? _redis;

    public Servers()
        : this(cluster: false)
    {
    }

    protected Servers(bool cluster)
    {
        if (cluster)
        {
            Cluster = LocalRedisCluster.Start();
            RedisConnectionString = Cluster.ConnectionString;
        }
        else
        {
            _redis = LocalRedisServer.Start();
            RedisConnectionString = _redis.ConnectionString;
        }

        Kafka = EmbeddedKafka.Start();
        Connection = ConnectionMultiplexer.Connect(RedisConnectionString);
    }

    /// <summary>The one redis-server (not there when <see cref="Cluster"/> is).</summary>
    public LocalRedisServer Redis => _redis ?? throw new InvalidOperationException("this fixture runs a Redis Cluster; use RedisConnectionString or Cluster");

    /// <summary>The Redis Cluster, for <see cref="ClusterServers"/>; null otherwise.</summary>
    public LocalRedisCluster? Cluster { get; }

    /// <summary>What the engine's <c>Redis:ConnectionString</c> is set to: the server, or every cluster node.</summary>
    public string RedisConnectionString { get; }

    public EmbeddedKafka Kafka { get; }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>A fresh name for one test's topics, group and key prefix.</summary>
    public TestScope NewScope(string name)
    {
        var scope = new TestScope(this, $"{name}-{Interlocked.Increment(ref s_next)}-{Environment.ProcessId}");
        Kafka.CreateTopic(scope.EventsTopic, 4);
        Kafka.CreateTopic(scope.DeadLetterTopic, 4);
        Kafka.CreateTopic(scope.SegmentsTopic, 4);
        return scope;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
            Kafka.Dispose();
            _redis?.Dispose();
            Cluster?.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
