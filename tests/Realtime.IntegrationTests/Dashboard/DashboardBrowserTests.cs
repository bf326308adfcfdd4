using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Realtime.Core.Simulation;
using Realtime.Grpc.Security;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Host.Dashboard;
using Realtime.IntegrationTests.Security;
using Xunit.Abstractions;

namespace Realtime.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium (Debian's <c>/usr/bin/chromium</c> driven by Playwright) against an engine fed
/// through Kafka: it signs in with a one-time link, loads without console errors and shows GetLifecycleSummary's numbers.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DashboardBrowserTests(Servers servers, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_dashboard_signs_in_and_shows_the_lifecycle_summary_without_console_errors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (scripts/_env.sh installs it)");
        var scope = servers.NewScope("dashboard-browser");
        var sim = new SimulationOptions { Customers = 150, Seed = 57 };
        var events = StoreSimulator.Generate(sim).ToList();
        var expected = TestScope.ExpectedStates(events);
        var key = ApiKey.Create().Key;
        var settings = scope.Settings;
        settings["Api:Auth:Disabled"] = "false";
        foreach (var (name, value) in SecureEngine.Keys(("tests", key, string.Join(',', ApiScopes.All))))
        {
            settings[name] = value;
        }

        // A fixed clock a day after the history: segment sizes and the maturity stage hold still while the page and
        // the gRPC call are compared.
        await using var engine = RealtimeApp.Build([], AppMode.All, settings, new FakeTimeProvider(sim.Start + sim.Span + TimeSpan.FromDays(1)));
        await engine.StartAsync();
        scope.Produce(events);
        var mismatches = await scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        using var channel = Channel(engine, key);
        var insights = new InsightsService.InsightsServiceClient(channel);
        await SettledSummaryAsync(insights);

        var http = RealtimeApp.Addresses(engine)[^1].TrimEnd('/');
        var token = await engine.Services.GetRequiredService<DashboardSessions>().MintLoginTokenAsync(CancellationToken.None);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1800 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync($"{http}/login?token={token}");
        Assert.Equal($"{http}/", page.Url);
        await page.WaitForSelectorAsync("body[data-summary-loaded='true'][data-churn-loaded='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var summary = await SettledSummaryAsync(insights);

        var screenshot = Path.Combine(RepositoryRoot(), "TestResults", "dashboard", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"dashboard screenshot: {screenshot}");
        Console.WriteLine($"dashboard screenshot: {screenshot}");

        foreach (var segment in summary.Segments)
        {
            Assert.Equal(segment.Customers.ToString("N0", CultureInfo.InvariantCulture), await page.TextContentAsync($"tr[data-segment='{segment.Segment}'] td.n"));
        }

        Assert.Equal(summary.Customers.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#customers", "data-value"));
        Assert.Equal(summary.Maturity.Stage, await page.GetAttributeAsync("#maturity-stage", "data-stage"));
        Assert.True(await page.Locator("#at-risk-table tbody tr[data-customer]").CountAsync() > 0, "no at-risk customer listed");
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
        await engine.StopAsync();
    }

    /// <summary>The summary once two reads agree (the last batch's counters land just after its states).</summary>
    private static async Task<LifecycleSummary> SettledSummaryAsync(InsightsService.InsightsServiceClient insights)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        var previous = await insights.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
        while (true)
        {
            await Task.Delay(300);
            var current = await insights.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
            if (current.Equals(previous) || DateTime.UtcNow > deadline)
            {
                return current;
            }

            previous = current;
        }
    }

    private static GrpcChannel Channel(WebApplication engine, string key) => GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine), new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + key);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>The repository root (where Realtime.sln is): scripts/test collects its TestResults directory.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Realtime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Realtime.sln not found above " + AppContext.BaseDirectory);
    }
}
