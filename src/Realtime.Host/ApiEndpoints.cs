using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Realtime.Grpc.Security;

namespace Realtime.Host;

/// <summary>
/// The engine's listeners: the gRPC port (API modes) and the HTTP port, TLS on both when configured. Refuses
/// (<see cref="InsecureConfigurationException"/>) plaintext off loopback unless <c>Api:AllowInsecure</c>, and an API
/// with no credential configured unless <c>Api:Auth:Disabled</c>.
/// </summary>
internal static partial class ApiEndpoints
{
    public static void Configure(WebApplicationBuilder builder, AppMode mode)
    {
        var api = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var address = IPAddress.Parse(api.ListenAddress);
        var auth = builder.Configuration.GetSection(ApiAuthOptions.SectionName).Get<ApiAuthOptions>() ?? new ApiAuthOptions();
        Check(auth, api, address, mode);
        var certificates = api.Tls.Enabled ? new ServerCertificateCache(api.Tls) : null;
        var clientCa = api.Tls.ClientCertificates != ClientCertificatePolicy.None ? LoadClientCa(api.Tls) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (mode.HasFlag(AppMode.Api))
            {
                // Plaintext gRPC needs an HTTP/2-only endpoint (h2c); metrics and health stay on HTTP/1.1.
                kestrel.Listen(address, api.GrpcPort, o =>
                {
                    o.Protocols = HttpProtocols.Http2;
                    UseTls(o, certificates, api.Tls.ClientCertificates, clientCa);
                });
            }

            // The HTTP port never asks for client certificates: /metrics takes a bearer credential, health is open.
            kestrel.Listen(address, api.HttpPort, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                UseTls(o, certificates, ClientCertificatePolicy.None, null);
            });
        });
    }

    /// <summary>Logs the warnings the configuration deserves, once the app is built.</summary>
    public static void WarnIfInsecure(WebApplication app)
    {
        var api = app.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        if (!api.Tls.Enabled && !IPAddress.IsLoopback(IPAddress.Parse(api.ListenAddress)))
        {
            InsecureListen(app.Logger, api.ListenAddress);
        }
    }

    private static void Check(ApiAuthOptions auth, ApiOptions api, IPAddress address, AppMode mode)
    {
        if (!api.Tls.Enabled && !IPAddress.IsLoopback(address) && !api.AllowInsecure)
        {
            throw new InsecureConfigurationException(
                $"Api:ListenAddress {api.ListenAddress} is not a loopback address and no TLS is configured: set Api:Tls:CertificatePath + Api:Tls:KeyPath " +
                "(or Api:Tls:PfxPath), or Api:AllowInsecure=true to serve plaintext anyway");
        }

        if (api.Tls.ClientCertificates != ClientCertificatePolicy.None && (!api.Tls.Enabled || string.IsNullOrEmpty(api.Tls.ClientCaPath)))
        {
            throw new InsecureConfigurationException("Api:Tls:ClientCertificates needs a server certificate (Api:Tls) and Api:Tls:ClientCaPath");
        }

        if (mode.HasFlag(AppMode.Api) && !auth.Disabled && !auth.AnyCredential)
        {
            throw new InsecureConfigurationException(
                "No API credential is configured: add a key (realtime keys create --name <client> --scopes <scopes>), Api:Auth:Jwt, " +
                "or set Api:Auth:Disabled=true to serve without authentication");
        }
    }

    private static void UseTls(ListenOptions listen, ServerCertificateCache? certificates, ClientCertificatePolicy clients, X509Certificate2Collection? clientCa)
    {
        if (certificates is null)
        {
            return;
        }

        listen.UseHttps(https =>
        {
            https.ServerCertificateSelector = (_, _) => certificates.Current;
            https.ClientCertificateMode = clients switch
            {
                ClientCertificatePolicy.Require => ClientCertificateMode.RequireCertificate,
                ClientCertificatePolicy.Allow => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.NoCertificate,
            };
            if (clientCa is not null)
            {
                https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, clientCa);
            }
        });
    }

    private static X509Certificate2Collection LoadClientCa(ApiTlsOptions tls)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(tls.ClientCaPath!);
        return ca;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Serving plaintext (no TLS) on non-loopback address {Address} because Api:AllowInsecure=true")]
    private static partial void InsecureListen(ILogger logger, string address);
}
