namespace Realtime.IntegrationTests.Cluster;

/// <summary><see cref="CrashRecoveryTests"/>, the same tests, against the Redis Cluster (<see cref="ClusterServers"/>).</summary>
[Collection(ClusterServersCollection.Name)]
public sealed class ClusterCrashRecoveryTests(ClusterServers servers) : CrashRecoveryTests(servers);
