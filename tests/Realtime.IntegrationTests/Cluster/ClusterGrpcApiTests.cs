namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="GrpcApiTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterGrpcApiTests(ClusterServers servers) : GrpcApiTests(servers);
