using System.ComponentModel.DataAnnotations;

namespace Realtime.Host;

/// <summary>Where and how the API listens (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Address to bind. Default <c>127.0.0.1</c>; use <c>0.0.0.0</c> in containers (then TLS is required, or <see cref="AllowInsecure"/>).</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTP/2 port for gRPC (TLS when <c>Api:Tls</c> is configured, else h2c). Default 50051; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 50051;

    /// <summary>HTTP/1.1 port for <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> (TLS too when configured). Default 8080; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Serve plaintext on a non-loopback address (a warning is logged). Default false: the engine refuses to start.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>TLS for both ports.</summary>
    public ApiTlsOptions Tls { get; set; } = new();
}
