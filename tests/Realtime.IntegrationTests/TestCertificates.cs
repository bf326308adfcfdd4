using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Realtime.IntegrationTests;

/// <summary>
/// Certificates made in process (no openssl needed), in a temp directory: a throwaway CA, a server certificate for
/// <c>localhost</c>/<c>127.0.0.1</c> signed by it (PEM files and a PKCS#12 file: what redis-server's <c>--tls-*</c>
/// options and the engine's <c>*Path</c> settings read), and client certificates signed by the same CA for mTLS.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string PfxPassword = "test-pfx-password";

    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("realtime-certs-").FullName;
        Ca = CreateCa();
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());
        Server = WriteServer();
    }

    public string Directory { get; }

    /// <summary>The CA that signs the server and the clients (trust it as <c>Redis:TlsCaPath</c> or <c>Api:Tls:ClientCaPath</c>).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate now in the files (changes on <see cref="Rotate"/>).</summary>
    public X509Certificate2 Server { get; private set; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");

    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    public string PfxPath => Path.Combine(Directory, "server.pfx");

    /// <summary>redis-server arguments serving TLS with these files (clients are not asked for a certificate).</summary>
    public string[] RedisTlsArguments =>
        ["--tls-cert-file", ServerCertificatePath, "--tls-key-file", ServerKeyPath, "--tls-ca-cert-file", CaPath, "--tls-auth-clients", "no"];

    /// <summary>A client certificate with subject <c>CN=<paramref name="name"/></c> signed by <see cref="Ca"/>.</summary>
    public X509Certificate2 Client(string name) => Issue($"CN={name}", serverNames: false, [new Oid("1.3.6.1.5.5.7.3.2")]);

    /// <summary>A new server certificate written over the files (a rotation), stamped so a poller sees the change.</summary>
    public X509Certificate2 Rotate()
    {
        var previous = Server;
        Server = WriteServer();
        previous.Dispose();
        var stamp = DateTime.UtcNow.AddSeconds(5);
        File.SetLastWriteTimeUtc(ServerCertificatePath, stamp);
        File.SetLastWriteTimeUtc(ServerKeyPath, stamp);
        return Server;
    }

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Realtime test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private X509Certificate2 WriteServer()
    {
        var server = Issue("CN=localhost", serverNames: true, [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")]);
        File.WriteAllText(ServerKeyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(ServerCertificatePath, server.ExportCertificatePem());
        File.WriteAllBytes(PfxPath, server.Export(X509ContentType.Pkcs12, PfxPassword));
        return server;
    }

    private X509Certificate2 Issue(string subject, bool serverNames, Oid[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (serverNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        using var signed = request.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(12));
        // Re-imported as PKCS#12 so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }
}
