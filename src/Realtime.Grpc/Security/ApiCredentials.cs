using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Realtime.Grpc.Security;

/// <summary>What a request presents and what an authenticated caller may do.</summary>
internal static class ApiCredentials
{
    /// <summary>The policy scheme every endpoint authenticates with; it forwards to the API-key or the JWT scheme.</summary>
    public const string Scheme = "Realtime";

    public const string ScopeClaim = "scope";
    public const string MethodClaim = "realtime_auth";
    public const string Anonymous = "anonymous";

    /// <summary>The token of an <c>authorization: Bearer ...</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>A JWT has three dot-separated parts; an API key (base64url) has no dot.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    /// <summary>True when the caller holds <paramref name="scope"/>, from a <c>scope</c> or <c>scp</c> claim (each possibly a space-separated list).</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.Claims.Where(c => c.Type is ScopeClaim or "scp")
            .Any(c => ApiScopes.Parse(c.Value).Contains(scope, StringComparer.Ordinal));

    /// <summary>The client's name for metrics and rate limits: key name, certificate subject or JWT subject; "anonymous" otherwise.</summary>
    public static string ClientName(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
}
