using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Realtime.Grpc.Security;
using Realtime.Host;

namespace Realtime.IntegrationTests.Security;

/// <summary>An API engine with authentication on and TLS from generated PEM files, plus clients that trust its certificate.</summary>
public sealed class SecureEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private X509Certificate2? _trusted;

    private SecureEngine(WebApplication app, X509Certificate2? trusted)
    {
        _app = app;
        _trusted = trusted;
    }

    public WebApplication App => _app;

    /// <summary>Trust another server certificate from now on (after a rotation).</summary>
    public void Trust(X509Certificate2 certificate) => _trusted = certificate;

    public Uri GrpcAddress => RealtimeApp.GrpcAddress(_app);

    public Uri HttpAddress => new(RealtimeApp.Addresses(_app)[^1]);

    /// <summary>Starts an API engine on the scope with TLS (PEM) and <paramref name="settings"/> over the scope's settings.</summary>
    public static async Task<SecureEngine> StartAsync(TestScope scope, TestCertificates certificates, IDictionary<string, string?> settings)
    {
        var all = scope.Settings;
        all["Api:Auth:Disabled"] = "false";
        all["Api:Tls:CertificatePath"] = certificates.ServerCertificatePath;
        all["Api:Tls:KeyPath"] = certificates.ServerKeyPath;
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = RealtimeApp.Build([], AppMode.Api, all);
        await app.StartAsync();
        return new SecureEngine(app, certificates.Server);
    }

    /// <summary>Clients for an engine started elsewhere (no TLS when <paramref name="trusted"/> is null); disposing it stops the engine.</summary>
    public static SecureEngine Attach(WebApplication app, X509Certificate2? trusted) => new(app, trusted);

    /// <summary>Settings for API keys: one per (name, key, scopes).</summary>
    public static Dictionary<string, string?> Keys(params (string Name, string Key, string Scopes)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Api:Auth:Keys:{i}:Name"] = keys[i].Name;
            settings[$"Api:Auth:Keys:{i}:Sha256"] = ApiKey.HashOf(keys[i].Key);
            settings[$"Api:Auth:Keys:{i}:Scopes"] = keys[i].Scopes;
        }

        return settings;
    }

    /// <summary>A TLS channel trusting exactly the engine's certificate, its calls carrying <paramref name="bearer"/> (none when null).</summary>
    public GrpcChannel Channel(string? bearer, X509Certificate2? clientCertificate = null) =>
        GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = Handler(clientCertificate),
            Credentials = bearer is null ? Transport : ChannelCredentials.Create(Transport, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + bearer);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = _trusted is null,
        });

    private ChannelCredentials Transport => _trusted is null ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl;

    /// <summary>An HTTP client for the HTTP port (/metrics, health) trusting the engine's certificate.</summary>
    public HttpClient Http() => new(Handler(null)) { BaseAddress = HttpAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private SocketsHttpHandler Handler(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        if (_trusted is null)
        {
            return handler;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is not null && certificate.GetCertHashString() == _trusted.GetCertHashString()
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return handler;
    }
}
