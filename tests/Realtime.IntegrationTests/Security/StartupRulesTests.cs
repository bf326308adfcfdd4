using Grpc.Core;
using Realtime.Grpc.Security;
using Realtime.Host;

namespace Realtime.IntegrationTests.Security;

/// <summary>What the engine refuses to start with, and what it accepts when told to.</summary>
[Collection(ServersCollection.Name)]
public sealed class StartupRulesTests(Servers servers)
{
    [Fact]
    public void The_api_refuses_to_start_on_a_non_loopback_address_without_tls()
    {
        var settings = WithKey(servers.NewScope("insecure").Settings);
        settings["Api:ListenAddress"] = "0.0.0.0";
        var ex = Assert.Throws<InsecureConfigurationException>(() => RealtimeApp.Build([], AppMode.Api, settings));
        Assert.Contains("Api:AllowInsecure", ex.Message);
    }

    [Fact]
    public async Task The_api_starts_on_a_non_loopback_address_without_tls_when_insecure_is_allowed()
    {
        var settings = WithKey(servers.NewScope("insecure-ok").Settings);
        settings["Api:ListenAddress"] = "0.0.0.0";
        settings["Api:AllowInsecure"] = "true";
        await using var app = RealtimeApp.Build([], AppMode.Api, settings);
        await app.StartAsync();
        Assert.All(RealtimeApp.Addresses(app), a => Assert.StartsWith("http://0.0.0.0:", a, StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public void The_http_port_of_an_ingest_worker_follows_the_same_rule()
    {
        var settings = servers.NewScope("insecure-ingest").Settings;
        settings.Remove("Api:Auth:Disabled");
        settings["Api:ListenAddress"] = "0.0.0.0";
        Assert.Throws<InsecureConfigurationException>(() => RealtimeApp.Build([], AppMode.Ingest, settings));
    }

    [Fact]
    public void The_api_refuses_to_start_with_no_credential_configured_unless_auth_is_disabled()
    {
        var settings = servers.NewScope("no-auth").Settings;
        settings.Remove("Api:Auth:Disabled");
        var ex = Assert.Throws<InsecureConfigurationException>(() => RealtimeApp.Build([], AppMode.Api, settings));
        Assert.Contains("Api:Auth:Disabled", ex.Message);
    }

    [Fact]
    public async Task An_ingest_worker_needs_no_auth_configuration()
    {
        var settings = servers.NewScope("ingest-no-auth").Settings;
        settings.Remove("Api:Auth:Disabled");
        await using var app = RealtimeApp.Build([], AppMode.Ingest, settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(RealtimeApp.Addresses(app)[^1]) };
        Assert.True((await http.GetAsync("/metrics")).IsSuccessStatusCode, "an ingest worker's /metrics is open (it holds no credentials)");
        await app.StopAsync();
    }

    [Fact]
    public async Task With_auth_disabled_every_rpc_is_served_without_a_credential()
    {
        await using var app = RealtimeApp.Build([], AppMode.Api, servers.NewScope("auth-off").Settings);
        await app.StartAsync();
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(app));
        Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf("/realtime.v1.CustomerService/GetProfile", channel));
        await app.StopAsync();
    }

    private static Dictionary<string, string?> WithKey(Dictionary<string, string?> settings)
    {
        settings.Remove("Api:Auth:Disabled");
        settings["Api:Auth:Keys:0:Name"] = "k";
        settings["Api:Auth:Keys:0:Sha256"] = ApiKey.Create().Sha256;
        settings["Api:Auth:Keys:0:Scopes"] = ApiScopes.ProfilesRead;
        return settings;
    }
}
