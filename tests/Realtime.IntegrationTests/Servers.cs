using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// One redis-server and one Kafka-protocol broker (librdkafka's mock cluster on a loopback TCP port) for the whole
/// test assembly. Tests isolate themselves by key prefix and by topic/group suffix, not by fresh servers.
/// </summary>
public sealed class Servers : IDisposable
{
    private static int s_next;

    public Servers()
    {
        Redis = LocalRedisServer.Start();
        Kafka = EmbeddedKafka.Start();
        Connection = ConnectionMultiplexer.Connect(Redis.ConnectionString);
    }

    public LocalRedisServer Redis { get; }

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
        Connection.Dispose();
        Kafka.Dispose();
        Redis.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
