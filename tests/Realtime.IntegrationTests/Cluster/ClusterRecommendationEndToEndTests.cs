using Xunit.Abstractions;

namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="RecommendationEndToEndTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterRecommendationEndToEndTests(ClusterServers servers, ITestOutputHelper output) : RecommendationEndToEndTests(servers, output);
