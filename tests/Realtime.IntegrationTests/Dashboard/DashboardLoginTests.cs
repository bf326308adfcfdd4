using System.Net;
using Realtime.Grpc.Security;
using Realtime.Host;
using Realtime.Host.Dashboard;
using Realtime.IntegrationTests.Security;

namespace Realtime.IntegrationTests.Dashboard;

/// <summary>The dashboard's sign-in: one-time tokens, the session cookie, and what a browser without one gets.</summary>
[Collection(ServersCollection.Name)]
public sealed class DashboardLoginTests(Servers servers) : IAsyncLifetime, IDisposable
{
    private WebApplication _engine = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var settings = servers.NewScope("dashboard-login").Settings;
        settings["Api:Auth:Disabled"] = "false";
        foreach (var (key, value) in SecureEngine.Keys(("storefront", ApiKey.Create().Key, ApiScopes.ProfilesRead)))
        {
            settings[key] = value;
        }

        _engine = RealtimeApp.Build([], AppMode.Api, settings);
        await _engine.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(RealtimeApp.Addresses(_engine)[^1]) };
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [Fact]
    public async Task Without_a_session_the_page_and_its_data_answer_401()
    {
        using var page = await _http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.DoesNotContain("dashboard.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var path in new[] { "/v1/insights/lifecycle", "/dashboard/segment-history", "/metrics" })
        {
            using var data = await _http.GetAsync(path);
            Assert.True(data.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)data.StatusCode}");
        }
    }

    [Fact]
    public async Task A_login_token_opens_an_http_only_strict_session_once()
    {
        var token = await _engine.Services.GetRequiredService<DashboardSessions>().MintLoginTokenAsync(CancellationToken.None);

        using var login = await _http.GetAsync($"/login?token={token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(SessionCookie.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];

        using var page = await WithCookie(HttpMethod.Get, "/", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("dashboard.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var summary = await WithCookie(HttpMethod.Get, "/v1/insights/lifecycle", cookie);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);

        using var again = await _http.GetAsync($"/login?token={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_session_reads_but_cannot_erase_and_a_forged_session_is_refused()
    {
        var token = await _engine.Services.GetRequiredService<DashboardSessions>().MintLoginTokenAsync(CancellationToken.None);
        using var login = await _http.GetAsync($"/login?token={token}");
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var erase = await WithCookie(HttpMethod.Delete, "/v1/customers/c000001", cookie);
        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);

        var forged = $"{SessionCookie.CookieName}={new string('A', 43)}";
        using var summary = await WithCookie(HttpMethod.Get, "/v1/insights/lifecycle", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, summary.StatusCode);
        using var page = await WithCookie(HttpMethod.Get, "/", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    private async Task<HttpResponseMessage> WithCookie(HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await _http.SendAsync(request);
    }
}
