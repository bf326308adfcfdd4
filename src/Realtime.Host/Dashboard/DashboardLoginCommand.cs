using System.CommandLine;
using Realtime.Host.Cli;
using Realtime.Redis;

namespace Realtime.Host.Dashboard;

/// <summary>
/// <c>realtime dashboard-login [--Redis:...] [--Api:...] [--url https://shop-insights.example.com]</c>: mints a one-time
/// login token in the engine's Redis and prints the link that opens the dashboard with it. Whoever can reach Redis can
/// sign in, as whoever can reach Redis can read every customer anyway.
/// </summary>
internal static class DashboardLoginCommand
{
    public static Command Create(TextWriter output)
    {
        var url = new Option<string>("--url")
        {
            Description = "The dashboard's base address as browsers reach it (default: http(s)://Api:ListenAddress:Api:HttpPort).",
            HelpName = "base",
        };
        var command = new ConfiguredCommand(
            "dashboard-login",
            "Mint a one-time token in the engine's Redis and print the link that signs one browser in to the dashboard.",
            "realtime dashboard-login --url https://insights.example.com --Redis:ConnectionString=redis:6379")
        {
            url,
        };
        command.SetAction(parsed => RunAsync(ConfigurationOverrides.Of(parsed), parsed.GetValue(url), output));
        return command;
    }

    private static async Task<int> RunAsync(string[] settings, string? baseUrl, TextWriter output)
    {
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
}
