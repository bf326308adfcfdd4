namespace Realtime.Host;

/// <summary>Which parts of the engine a process runs.</summary>
[Flags]
public enum AppMode
{
    /// <summary>The gRPC API (stateless; scale out behind an HTTP/2 load balancer).</summary>
    Api = 1,

    /// <summary>The ingest consumer (scale out by adding members to the consumer group).</summary>
    Ingest = 2,

    /// <summary>Both in one process.</summary>
    All = Api | Ingest,
}
