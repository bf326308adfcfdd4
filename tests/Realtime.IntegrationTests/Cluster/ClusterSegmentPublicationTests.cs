namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="SegmentPublicationTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterSegmentPublicationTests(ClusterServers servers) : SegmentPublicationTests(servers);
