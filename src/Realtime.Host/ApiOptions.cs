using System.ComponentModel.DataAnnotations;

namespace Realtime.Host;

/// <summary>Where the API listens (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Address to bind. Default <c>127.0.0.1</c>; use <c>0.0.0.0</c> in containers.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Plaintext HTTP/2 (h2c) port for gRPC. Default 50051; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 50051;

    /// <summary>HTTP/1.1 port for <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>. Default 8080; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;
}
