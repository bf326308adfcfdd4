namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="LifecycleSummaryTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterLifecycleSummaryTests(ClusterServers servers) : LifecycleSummaryTests(servers);
