using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Grpc.Security;

/// <summary>
/// Authenticates <c>authorization: Bearer &lt;key&gt;</c> against the configured key hashes, or, with no such header,
/// a TLS client certificate (already chain-validated by Kestrel) by its subject name. The key is hashed once and
/// compared with every configured hash in constant time; neither the key nor its hash is logged.
/// </summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ApiAuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private readonly (string Name, byte[] Hash, string[] Scopes)[] _keys =
        auth.Value.Keys.Select(k => (k.Name, Convert.FromHexString(k.Sha256), ApiScopes.Parse(k.Scopes))).ToArray();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiCredentials.BearerToken(Request) is { } token)
        {
            return Task.FromResult(AuthenticateKey(token));
        }

        if (Context.Connection.ClientCertificate is { } certificate)
        {
            return Task.FromResult(AuthenticateCertificate(certificate));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    private AuthenticateResult AuthenticateKey(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        var match = -1;
        // Every hash is compared, each in constant time, so the time taken says nothing about which (if any) matched.
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, _keys[i].Hash))
            {
                match = i;
            }
        }

        return match < 0
            ? AuthenticateResult.Fail("unknown API key")
            : Success(_keys[match].Name, _keys[match].Scopes, "api-key");
    }

    private AuthenticateResult AuthenticateCertificate(X509Certificate2 certificate)
    {
        var subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var client = auth.Value.Certificates.FirstOrDefault(c => string.Equals(c.Name, subject, StringComparison.Ordinal));
        return client is null
            ? AuthenticateResult.Fail("client certificate subject is not a configured client")
            : Success(client.Name, ApiScopes.Parse(client.Scopes), "certificate");
    }

    private AuthenticateResult Success(string name, string[] scopes, string method)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ApiCredentials.MethodClaim, method) };
        claims.AddRange(scopes.Select(s => new Claim(ApiCredentials.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
