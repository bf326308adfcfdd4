namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="RecommendationIngestTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterRecommendationIngestTests(ClusterServers servers) : RecommendationIngestTests(servers);
