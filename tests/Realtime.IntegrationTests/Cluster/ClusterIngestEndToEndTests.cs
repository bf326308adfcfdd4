namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="IngestEndToEndTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterIngestEndToEndTests(ClusterServers servers) : IngestEndToEndTests(servers);
