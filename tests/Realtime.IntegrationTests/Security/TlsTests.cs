using Grpc.Core;
using Realtime.Grpc.Security;

namespace Realtime.IntegrationTests.Security;

/// <summary>TLS from files: PEM or PKCS#12, a rotated certificate served without a restart, and client-certificate identity.</summary>
[Collection(ServersCollection.Name)]
public sealed class TlsTests(Servers servers) : IDisposable
{
    private const string GetProfile = "/realtime.v1.CustomerService/GetProfile";
    private readonly TestCertificates _certificates = new();
    private readonly string _key = ApiKey.Create().Key;

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task The_api_serves_grpc_over_tls_from_a_pkcs12_file()
    {
        var settings = SecureEngine.Keys(("storefront", _key, ApiScopes.ProfilesRead));
        settings["Api:Tls:CertificatePath"] = null;
        settings["Api:Tls:KeyPath"] = null;
        settings["Api:Tls:PfxPath"] = _certificates.PfxPath;
        settings["Api:Tls:PfxPassword"] = TestCertificates.PfxPassword;
        await using var engine = await SecureEngine.StartAsync(servers.NewScope("pfx"), _certificates, settings);
        Assert.Equal("https", engine.GrpcAddress.Scheme);
        using var channel = engine.Channel(_key);
        Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf(GetProfile, channel));
    }

    [Fact]
    public async Task A_rotated_certificate_file_is_served_to_new_connections_without_a_restart()
    {
        await using var engine = await SecureEngine.StartAsync(servers.NewScope("rotate"), _certificates, SecureEngine.Keys(("storefront", _key, ApiScopes.ProfilesRead)));
        using (var before = engine.Channel(_key))
        {
            Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf(GetProfile, before));
        }

        var next = _certificates.Rotate();
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the files are checked at most once a second
        engine.Trust(next);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        StatusCode status;
        do
        {
            using var after = engine.Channel(_key);
            status = await RpcCalls.StatusOf(GetProfile, after);
        }
        while (status != StatusCode.NotFound && DateTime.UtcNow < deadline);
        Assert.Equal(StatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_client_certificate_identifies_the_client_by_its_subject()
    {
        var settings = new Dictionary<string, string?>(SecureEngine.Keys(("prometheus", _key, ApiScopes.MetricsRead)))
        {
            ["Api:Tls:ClientCertificates"] = "allow",
            ["Api:Tls:ClientCaPath"] = _certificates.CaPath,
            ["Api:Auth:Certificates:0:Name"] = "crm-export",
            ["Api:Auth:Certificates:0:Scopes"] = ApiScopes.ProfilesRead,
        };
        await using var engine = await SecureEngine.StartAsync(servers.NewScope("mtls"), _certificates, settings);
        using var known = _certificates.Client("crm-export");
        using var channel = engine.Channel(bearer: null, known);
        Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf(GetProfile, channel));

        // The identity is the subject's CN: the refusal is counted under it.
        Assert.Equal(StatusCode.PermissionDenied, await RpcCalls.StatusOf("/realtime.v1.CustomerService/ForgetCustomer", channel));
        using var http = engine.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "authorization", "Bearer " + _key } } };
        var metrics = await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        Assert.Contains("realtime_api_auth_failures_total{client=\"crm-export\",reason=\"missing_scope\"}", metrics);

        using var stranger = _certificates.Client("someone-else");
        using var strangerChannel = engine.Channel(bearer: null, stranger);
        Assert.Equal(StatusCode.Unauthenticated, await RpcCalls.StatusOf(GetProfile, strangerChannel));

        using var none = engine.Channel(bearer: null);
        Assert.Equal(StatusCode.Unauthenticated, await RpcCalls.StatusOf(GetProfile, none));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_at_the_handshake_when_required()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:Tls:ClientCertificates"] = "require",
            ["Api:Tls:ClientCaPath"] = _certificates.CaPath,
            ["Api:Auth:Certificates:0:Name"] = "crm-export",
            ["Api:Auth:Certificates:0:Scopes"] = ApiScopes.ProfilesRead,
        };
        await using var engine = await SecureEngine.StartAsync(servers.NewScope("mtls-require"), _certificates, settings);
        using var otherCa = new TestCertificates();
        using var foreign = otherCa.Client("crm-export");
        using var channel = engine.Channel(bearer: null, foreign);
        // The refused handshake reaches the client as UNAVAILABLE, or as INTERNAL when the server's TLS alert races
        // the HTTP/2 preface; either way the call never reached a handler.
        Assert.Contains(await RpcCalls.StatusOf(GetProfile, channel), new[] { StatusCode.Unavailable, StatusCode.Internal });
    }
}
