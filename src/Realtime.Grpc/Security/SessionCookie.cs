namespace Realtime.Grpc.Security;

/// <summary>
/// The dashboard's browser session: a request with no <c>authorization</c> header but this cookie is authenticated by
/// the scheme the host registers under <see cref="SchemeName"/> (the session store lives with the dashboard).
/// </summary>
public static class SessionCookie
{
    public const string SchemeName = "DashboardSession";

    /// <summary>HttpOnly, SameSite=Strict: scripts cannot read it and other sites cannot send it.</summary>
    public const string CookieName = "realtime_session";
}
