using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Realtime.IntegrationTests.Security;

/// <summary>
/// Certificates made in process (no openssl needed): a self-signed server certificate for 127.0.0.1/localhost written
/// as PEM files, and a small CA with a client certificate for mTLS.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("rt-tls-").FullName;
        Server = SelfSigned("CN=localhost", server: true);
        File.WriteAllText(CertificatePath, Server.ExportCertificatePem());
        File.WriteAllText(KeyPath, Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(PfxPath, Server.Export(X509ContentType.Pkcs12, PfxPassword));

        Ca = SelfSigned("CN=Realtime Test CA", server: false, ca: true);
        File.WriteAllText(ClientCaPath, Ca.ExportCertificatePem());
    }

    public const string PfxPassword = "test-pfx-password";

    public string Directory { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Ca { get; }

    public string CertificatePath => Path.Combine(Directory, "server.crt");

    public string KeyPath => Path.Combine(Directory, "server.key");

    public string PfxPath => Path.Combine(Directory, "server.pfx");

    public string ClientCaPath => Path.Combine(Directory, "client-ca.crt");

    /// <summary>A client certificate with subject <c>CN=<paramref name="name"/></c> signed by <see cref="Ca"/>.</summary>
    public X509Certificate2 Client(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var signed = request.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        // Re-imported as PKCS#12 so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A new self-signed server certificate written over the PEM files (a rotation).</summary>
    public X509Certificate2 Rotate()
    {
        var next = SelfSigned("CN=localhost", server: true);
        File.WriteAllText(KeyPath, next.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CertificatePath, next.ExportCertificatePem());
        var stamp = DateTime.UtcNow.AddSeconds(5);
        File.SetLastWriteTimeUtc(CertificatePath, stamp);
        File.SetLastWriteTimeUtc(KeyPath, stamp);
        return next;
    }

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 SelfSigned(string subject, bool server, bool ca = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        }

        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        }

        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
