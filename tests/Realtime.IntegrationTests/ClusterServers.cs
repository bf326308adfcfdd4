namespace Realtime.IntegrationTests;

/// <summary>
/// The test servers with a real Redis Cluster (3 primaries, 3 replicas, <see cref="Realtime.Testing.LocalRedisCluster"/>)
/// in place of the one redis-server: the ingest and serve tests run against both (the <c>Cluster*</c> classes).
/// </summary>
public sealed class ClusterServers() : Servers(cluster: true);

[CollectionDefinition(Name)]
public sealed class ClusterServersCollection : ICollectionFixture<ClusterServers>
{
    public const string Name = "redis-cluster";
}
