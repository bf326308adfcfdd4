using System.ComponentModel.DataAnnotations;

namespace Realtime.Redis;

/// <summary>Redis connection, credentials, TLS and key layout (section <c>Redis</c>).</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>
    /// StackExchange.Redis configuration string. Default <c>127.0.0.1:6379</c>. For a Redis Cluster, name its nodes
    /// comma-separated (<c>10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379</c>; a few suffice, the client discovers the rest).
    /// <see cref="User"/>, the password settings and the TLS settings below override what it says, so it need not
    /// carry a secret.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key the engine writes, so several deployments (or tests) can share one Redis. Default <c>rt</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Redis:KeyPrefix must be 1-32 letters, digits, '_', '.' or '-'")]
    public string KeyPrefix { get; set; } = "rt";

    /// <summary>
    /// How long one Redis operation may take before it fails with a timeout, in milliseconds: the multiplexer's sync and
    /// async timeouts and its connect timeout (overriding <c>syncTimeout</c>, <c>asyncTimeout</c> and <c>connectTimeout</c>
    /// in <see cref="ConnectionString"/>). With Redis down, API reads answer <c>UNAVAILABLE</c> after about this long
    /// instead of hanging. Default 1000.
    /// </summary>
    [Range(50, 60_000)]
    public int OperationTimeoutMs { get; set; } = 1000;

    /// <summary>ACL user name (Redis 6+ <c>AUTH user password</c>). Default none: the <c>default</c> user.</summary>
    public string? User { get; set; }

    /// <summary>
    /// Password of <see cref="User"/> (or of <c>requirepass</c>). Prefer <see cref="PasswordFile"/> or the environment
    /// variable <c>Redis__Password</c> to writing it in a settings file. Default none.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>
    /// A file holding the password (e.g. a mounted secret); read at start, trailing newline trimmed. Mutually exclusive
    /// with <see cref="Password"/>. A missing or unreadable file fails start-up. Default none.
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>Connect with TLS (redis-server <c>--tls-port</c>). Default false, unless the connection string says <c>ssl=true</c>.</summary>
    public bool Tls { get; set; }

    /// <summary>
    /// PEM file of the CA that signed the server's certificate; the server must chain to it (and its name must match
    /// the host). Default none: the system trust store. There is deliberately no setting to skip verification.
    /// </summary>
    public string? TlsCaPath { get; set; }

    /// <summary>PEM client certificate, for servers with <c>tls-auth-clients yes</c>. Needs <see cref="TlsClientKeyPath"/>. Default none.</summary>
    public string? TlsClientCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsClientCertificatePath"/>. Default none.</summary>
    public string? TlsClientKeyPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password is not null && PasswordFile is not null)
        {
            yield return new ValidationResult("Redis:Password and Redis:PasswordFile are both set; set one", [nameof(Password), nameof(PasswordFile)]);
        }

        foreach (var (key, path) in new[] { ("Redis:PasswordFile", PasswordFile), ("Redis:TlsCaPath", TlsCaPath), ("Redis:TlsClientCertificatePath", TlsClientCertificatePath), ("Redis:TlsClientKeyPath", TlsClientKeyPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                yield return new ValidationResult($"{key}: file '{path}' does not exist or is not readable", [key]);
            }
        }

        if ((TlsClientCertificatePath is null) != (TlsClientKeyPath is null))
        {
            yield return new ValidationResult("Redis:TlsClientCertificatePath and Redis:TlsClientKeyPath go together; set both or neither", [nameof(TlsClientCertificatePath)]);
        }
    }
}
