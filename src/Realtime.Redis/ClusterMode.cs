using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Whether the multiplexer talks to a Redis Cluster, asked of the first connected server and remembered; until a
/// server answers (an engine started before Redis was reachable) it is asked again on each use.
/// </summary>
internal sealed class ClusterMode(IConnectionMultiplexer? redis)
{
    // 0 = not known yet, 1 = one Redis, 2 = a cluster.
    private int _mode = redis is null ? 1 : 0;

    public bool IsCluster
    {
        get
        {
            var mode = Volatile.Read(ref _mode);
            if (mode == 0 && redis!.GetEndPoints().Select(e => redis.GetServer(e)).FirstOrDefault(s => s.IsConnected) is { } server)
            {
                mode = server.ServerType == ServerType.Cluster ? 2 : 1;
                Volatile.Write(ref _mode, mode);
            }

            return mode == 2;
        }
    }
}
