using System.Text.Json;
using Realtime.Grpc.Security;

namespace Realtime.Host.Dashboard;

/// <summary>
/// <c>/</c> (the page, for a signed-in browser), <c>/login?token=</c> (redeems a one-time token into a session cookie),
/// <c>/dashboard/assets/*</c> (static code, open) and <c>/dashboard/segment-history</c> (the sampled sizes, insights:read).
/// The page's data comes from the HTTP/JSON API with the session's scopes (<see cref="DashboardSessionHandler.Scopes"/>).
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app, bool authDisabled)
    {
        app.MapGet("/", async context =>
        {
            if (!authDisabled && !HasInsights(context))
            {
                await WriteSignInAsync(context, StatusCodes.Status401Unauthorized, "This dashboard needs a sign-in link.");
                return;
            }

            await DashboardAssets.WriteAsync(context, "index.html");
        });
        app.MapGet("/login", async (HttpContext context, DashboardSessions sessions) =>
        {
            var token = context.Request.Query["token"].ToString();
            var session = await sessions.RedeemAsync(token, context.RequestAborted);
            if (session is null)
            {
                await WriteSignInAsync(context, StatusCodes.Status401Unauthorized, "This sign-in link is unknown, already used or expired.");
                return;
            }

            context.Response.Cookies.Append(SessionCookie.CookieName, session, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = sessions.SessionLifetime,
            });
            // The token stays out of the address bar and of the history: it has been used anyway.
            context.Response.Redirect("/", permanent: false);
        });
        app.MapGet("/dashboard/assets/{name}", (HttpContext context, string name) => DashboardAssets.WriteAsync(context, name));
        app.MapGet("/dashboard/segment-history", async (HttpContext context, SegmentHistory history) =>
        {
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartArray();
            foreach (var sample in history.Samples)
            {
                json.WriteStartObject();
                json.WriteString("at", sample.At);
                json.WriteStartObject("customers");
                foreach (var (segment, customers) in sample.Customers)
                {
                    json.WriteNumber(segment, customers);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }).RequireScope(ApiScopes.InsightsRead, authDisabled);
    }

    private static bool HasInsights(HttpContext context) =>
        context.User.Claims.Any(c => c.Type == "scope" && ApiScopes.Parse(c.Value).Contains(ApiScopes.InsightsRead, StringComparer.Ordinal));

    // No customer data: just how to get in.
    private static Task WriteSignInAsync(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Realtime: sign in</title><link rel=\"icon\" href=\"data:,\">"
            + "<link rel=\"stylesheet\" href=\"/dashboard/assets/dashboard.css\"></head><body class=\"signin\"><main><h1>Realtime</h1>"
            + $"<p>{why}</p><p>Ask for one with <code>realtime dashboard-login</code> (or use the link <code>realtime demo</code> prints); "
            + "each link signs in one browser once.</p></main></body></html>");
    }
}
