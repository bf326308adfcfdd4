using Realtime.Redis;

namespace Realtime.Host.Dashboard;

/// <summary>
/// <c>realtime dashboard-login [--Redis:...] [--Api:...] [--url https://shop-insights.example.com]</c>: mints a one-time
/// login token in the engine's Redis and prints the link that opens the dashboard with it. Whoever can reach Redis can
/// sign in, as whoever can reach Redis can read every customer anyway.
/// </summary>
internal static class DashboardLoginCommand
{
    public const string Usage = "dashboard-login [--url BASE] [--Redis:ConnectionString=host:6379 ...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var baseUrl = Option(args, "--url");
        var settings = args.Where((a, i) => a != "--url" && (i == 0 || args[i - 1] != "--url")).ToArray();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.AddRedis();
        builder.AddDashboard(serving: false);
        using var host = builder.Build();
        var api = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var token = await host.Services.GetRequiredService<DashboardSessions>().MintLoginTokenAsync(CancellationToken.None);
        output.WriteLine($"dashboard (one sign-in, valid {builder.Configuration.GetValue("Dashboard:LoginTokenSeconds", 600)} s): {LoginUrl(baseUrl ?? DefaultBase(api), token)}");
        return 0;
    }

    /// <summary>The link that signs a browser in with <paramref name="token"/>.</summary>
    public static string LoginUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/login?token={token}";

    private static string DefaultBase(ApiOptions api)
    {
        var host = api.ListenAddress is "0.0.0.0" or "::" ? "localhost" : api.ListenAddress;
        return $"{(api.Tls.Enabled ? "https" : "http")}://{host}:{api.HttpPort}";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
