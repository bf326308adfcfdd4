using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Realtime.Grpc.Security;

/// <summary>Who may call the API (section <c>Api:Auth</c>).</summary>
public sealed class ApiAuthOptions
{
    public const string SectionName = "Api:Auth";

    /// <summary>
    /// Turns authentication off: every call is allowed as client "anonymous". Default false; the API refuses to start
    /// with no key and no JWT configured unless this is set.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>Serve <c>/metrics</c> without a credential. Default false: <c>/metrics</c> needs the <c>metrics:read</c> scope.</summary>
    public bool MetricsOpen { get; set; }

    /// <summary>API keys: a name (the client label), the hex SHA-256 of the key (never the key), and scopes.</summary>
    [ValidateEnumeratedItems]
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>JWT bearer tokens (optional).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Clients identified by a TLS client certificate (<c>Api:Tls:ClientCertificates</c> allow or require): subject name and scopes.</summary>
    [ValidateEnumeratedItems]
    public List<CertificateClientOptions> Certificates { get; set; } = [];

    /// <summary>True when at least one kind of credential is configured.</summary>
    public bool AnyCredential => Keys.Count > 0 || Jwt.IsConfigured || Certificates.Count > 0;
}

/// <summary>One API key (<c>Api:Auth:Keys:&lt;n&gt;</c>).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The client's name: metrics label and log field.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Api:Auth:Keys:<n>:Name must be 1-64 letters, digits, '_', '.' or '-'.")]
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the key (64 hex digits), as printed by <c>realtime keys create</c>.</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Api:Auth:Keys:<n>:Sha256 must be 64 hex digits (the SHA-256 of the key, not the key).")]
    public string Sha256 { get; set; } = "";

    /// <summary>Comma- or space-separated scopes.</summary>
    public string Scopes { get; set; } = "";
}

/// <summary>A client known by its certificate (<c>Api:Auth:Certificates:&lt;n&gt;</c>).</summary>
public sealed class CertificateClientOptions
{
    /// <summary>The certificate's subject common name (CN); also the client label.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Comma- or space-separated scopes.</summary>
    public string Scopes { get; set; } = "";
}

/// <summary>JWT bearer validation (<c>Api:Auth:Jwt</c>). Scopes come from the <c>scope</c> or <c>scp</c> claim; the client label is <c>sub</c>.</summary>
public sealed class JwtOptions
{
    /// <summary>Expected <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>HMAC-SHA256 signing key as UTF-8 text (at least 32 bytes). Or use <see cref="Authority"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect authority whose discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(Authority);
}
