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
        var sim = new SimulationOptions { Customers = 150, Seed = 57, MarketingSpend = true };
        var events = StoreSimulator.Generate(sim).ToList();
        var expected = TestScope.ExpectedStates(events.Where(e => e.Type != Core.Events.EventType.MarketingSpend));
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
        await FunnelMatchesAsync(page, summary.Funnel);
        await AcquisitionMatchesAsync(page, await insights.GetAcquisitionReportAsync(new GetAcquisitionReportRequest()));
        Assert.True(await page.Locator("#at-risk-table tbody tr[data-customer]").CountAsync() > 0, "no at-risk customer listed");
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
        await engine.StopAsync();
    }

    /// <summary>Every funnel row on the page (all channels, then each channel) shows the API's counts, rates and medians.</summary>
    private static async Task FunnelMatchesAsync(IPage page, OnboardingFunnel funnel)
    {
        Assert.True(funnel.Overall.ThirdOrder > 0, "the population should reach the funnel's last step");
        var rows = new[] { funnel.Overall.Clone() }.Concat(funnel.Channels).ToList();
        rows[0].Key = "all";
        Assert.Equal(rows.Count, await page.Locator("#funnel-table tbody tr[data-funnel-row]").CountAsync());
        foreach (var row in rows)
        {
            var tr = $"#funnel-table tr[data-funnel-row='{row.Key}']";
            var steps = new (string Name, double Count, double? Rate)[]
            {
                ("entered", row.Entered, null),
                ("firstOrder", row.FirstOrder, row.HasFirstOrderRate ? row.FirstOrderRate : null),
                ("secondOrder", row.SecondOrder, row.HasSecondOrderRate ? row.SecondOrderRate : null),
                ("thirdOrder", row.ThirdOrder, row.HasThirdOrderRate ? row.ThirdOrderRate : null),
            };
            foreach (var (name, count, rate) in steps)
            {
                Assert.Equal(count.ToString("N0", CultureInfo.InvariantCulture), await page.TextContentAsync($"{tr} td[data-step='{name}'] .n"));
                if (name != "entered")
                {
                    Assert.Equal(Percent(rate), await page.TextContentAsync($"{tr} td[data-step='{name}'] .rate"));
                }
            }

            Assert.Equal(Days(row.HasMedianDaysToFirstOrder ? row.MedianDaysToFirstOrder : null), await page.TextContentAsync($"{tr} td[data-median='medianDaysToFirstOrder']"));
            Assert.Equal(Days(row.HasMedianDaysToSecondOrder ? row.MedianDaysToSecondOrder : null), await page.TextContentAsync($"{tr} td[data-median='medianDaysToSecondOrder']"));
            Assert.Equal(Days(row.HasMedianDaysToThirdOrder ? row.MedianDaysToThirdOrder : null), await page.TextContentAsync($"{tr} td[data-median='medianDaysToThirdOrder']"));
        }

        var window = funnel.SecondPurchaseWindow;
        Assert.Equal(window.HasShare ? Percent(window.Share) : "", await page.GetAttributeAsync("#funnel-window", "data-share"));

        // The page's percent(): Math.round, which rounds halves up.
        static string Percent(double? share) => share is { } s ? $"{Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} %" : "–";
        static string Days(int? d) => d is { } v ? $"{v.ToString(CultureInfo.InvariantCulture)} d" : "–";
    }

    /// <summary>Every channel and campaign row shows the acquisition report's figures; the cohort chart draws its cells.</summary>
    private static async Task AcquisitionMatchesAsync(IPage page, AcquisitionReport report)
    {
        Assert.Contains(report.Channels, c => c.CacSource == "spend");
        var rows = report.Channels.Select(c => (Key: c.Channel, Row: c)).Concat(report.Campaigns.Select(c => (Key: $"{c.Channel}/{c.Campaign}", Row: c))).ToList();
        Assert.Equal(rows.Count, await page.Locator("#acquisition-table tbody tr[data-acquisition-row]").CountAsync());
        static string Number(bool has, double value) => has ? value.ToString(CultureInfo.InvariantCulture) : "";
        foreach (var (key, row) in rows)
        {
            var tr = $"#acquisition-table tr[data-acquisition-row='{key}']";
            Assert.Equal(row.NewCustomers.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync(tr, "data-new-customers"));
            Assert.Equal(Number(row.HasCac, row.Cac), await page.GetAttributeAsync(tr, "data-cac"));
            Assert.Equal(Number(row.HasClvToCac, row.ClvToCac), await page.GetAttributeAsync(tr, "data-clv-to-cac"));
            Assert.Equal(Number(row.HasPaybackMonths, row.PaybackMonths), await page.GetAttributeAsync(tr, "data-payback"));
            Assert.Equal(row.Advice.Action, await page.GetAttributeAsync(tr, "data-advice"));
            Assert.Contains(row.Advice.Reason, await page.TextContentAsync($"{tr} td.advice-{row.Advice.Action}"), StringComparison.Ordinal);
        }

        var drawn = System.Text.Json.JsonDocument.Parse((await page.GetAttributeAsync("#cohort-chart", "data-cohorts"))!).RootElement.EnumerateArray()
            .Select(c => (Month: c[0].GetString()!, Cells: c[1].EnumerateArray().Select(v => v.GetDouble()).ToList())).ToList();
        var expected = report.Cohorts.TakeLast(12).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(c => c.Month), drawn.Select(c => c.Month));
        Assert.Equal(expected.Select(c => c.CumulativeRevenuePerCustomer.ToList()), drawn.Select(c => c.Cells));
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
