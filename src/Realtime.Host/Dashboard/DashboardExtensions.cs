using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Grpc.Security;

namespace Realtime.Host.Dashboard;

/// <summary>Registers and maps the merchant dashboard (API modes, unless <c>Dashboard:Enabled=false</c>).</summary>
internal static class DashboardExtensions
{
    /// <summary>Login tokens and sessions; with <paramref name="serving"/>, the session scheme and the segment sampler too.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder, bool serving)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DashboardSessions>();
        // Always registered, so a stray session cookie on an API call is refused rather than failing the request.
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardSessionHandler>(SessionCookie.SchemeName, _ => { });
        if (serving)
        {
            builder.Services.AddSingleton<SegmentHistory>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SegmentHistory>());
        }

        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            DashboardEndpoints.Map(app, app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.Disabled);
        }

        return app;
    }
}
