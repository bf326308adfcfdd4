using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Realtime.IntegrationTests;

/// <summary>
/// A throwaway CA and a server certificate for <c>localhost</c>/<c>127.0.0.1</c> signed by it, written as PEM files
/// (what redis-server's <c>--tls-*</c> options and the engine's <c>*Path</c> settings read) to a temp directory.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("realtime-certs-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Realtime test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        CaPath = Write("ca.crt", ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));
        ServerCertificatePath = Write("server.crt", server.ExportCertificatePem());
        ServerKeyPath = Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public string CaPath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    /// <summary>redis-server arguments serving TLS with these files (clients are not asked for a certificate).</summary>
    public string[] RedisTlsArguments =>
        ["--tls-cert-file", ServerCertificatePath, "--tls-key-file", ServerKeyPath, "--tls-ca-cert-file", CaPath, "--tls-auth-clients", "no"];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
