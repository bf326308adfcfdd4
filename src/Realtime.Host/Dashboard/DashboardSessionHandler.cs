using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Grpc.Security;

namespace Realtime.Host.Dashboard;

/// <summary>
/// Authenticates the dashboard's session cookie as the client <c>dashboard</c> with the read scopes the page needs.
/// The scheme is only chosen for requests without an <c>authorization</c> header (see <see cref="SessionCookie"/>).
/// </summary>
internal sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DashboardSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ClientName = "dashboard";

    /// <summary>
    /// What the page reads. <c>offers:decide</c> is for ExplainOffers and GetOfferUplift (read-only); the page never
    /// calls NextBestOffer, and SameSite=Strict keeps other sites from calling it with the cookie.
    /// </summary>
    public static readonly string[] Scopes = [ApiScopes.InsightsRead, ApiScopes.ChurnRead, ApiScopes.ProfilesRead, ApiScopes.OffersDecide, ApiScopes.MetricsRead];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(SessionCookie.CookieName, out var session) || string.IsNullOrEmpty(session))
        {
            return AuthenticateResult.NoResult();
        }

        if (!await sessions.IsValidAsync(session, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("unknown or expired dashboard session");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, ClientName), new("realtime_auth", "session") };
        claims.AddRange(Scopes.Select(s => new Claim("scope", s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SessionCookie.SchemeName)), SessionCookie.SchemeName));
    }
}
