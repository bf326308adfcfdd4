namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="RedisItemSignalStoreTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterRedisItemSignalStoreTests(ClusterServers servers) : RedisItemSignalStoreTests(servers);
