using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Core.Caching;
using Realtime.Redis;

namespace Realtime.Host;

/// <summary>
/// The server certificate, loaded from <see cref="ApiTlsOptions"/> files and reloaded when their modification time
/// changes. Kestrel's certificate selector reads <see cref="Current"/>, which never waits: once a second at most it
/// starts a background check of the files. A file that fails to load (half-written during a rotation) keeps the
/// previous certificate until the next check; the failure is logged and counted
/// (<c>realtime_background_refresh_failures_total{component="server_certificate"}</c>).
/// </summary>
internal sealed class ServerCertificateCache
{
    /// <summary>The <c>component</c> label of this cache's failures.</summary>
    public const string RefreshComponent = "server_certificate";

    private static readonly TimeSpan s_checkEvery = TimeSpan.FromSeconds(1);
    private readonly ApiTlsOptions _tls;
    private readonly BackgroundRefreshCache<LoadedCertificate> _certificate;

    /// <summary>Loads the certificate now: a bad file at start-up fails start-up.</summary>
    public ServerCertificateCache(ApiTlsOptions tls, TimeProvider? clock = null, ILogger? logger = null)
    {
        _tls = tls;
        var first = new LoadedCertificate(Load(), Stamp());
        _certificate = new(RefreshComponent, ReloadIfChanged, s_checkEvery, clock ?? TimeProvider.System,
            BackgroundRefreshFailures.Hook(logger ?? NullLogger.Instance), first, initialIsFresh: true);
    }

    public X509Certificate2 Current => _certificate.Current.Certificate;

    private Task<LoadedCertificate> ReloadIfChanged(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        var current = _certificate.Last!;
        return Task.FromResult(stamp == current.Stamp ? current : new LoadedCertificate(Load(), stamp));
    }

    private DateTime Stamp() =>
        new[] { _tls.PfxPath, _tls.CertificatePath, _tls.KeyPath }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => File.GetLastWriteTimeUtc(p!))
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();

    private X509Certificate2 Load()
    {
        if (!string.IsNullOrEmpty(_tls.PfxPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(_tls.PfxPath, _tls.PfxPassword);
        }

        if (string.IsNullOrEmpty(_tls.KeyPath))
        {
            throw new InsecureConfigurationException("Api:Tls:CertificatePath needs Api:Tls:KeyPath (the PEM private key)");
        }

        return X509Certificate2.CreateFromPemFile(_tls.CertificatePath!, _tls.KeyPath);
    }

    /// <summary>A certificate and the newest modification time of the files it came from.</summary>
    private sealed record LoadedCertificate(X509Certificate2 Certificate, DateTime Stamp);
}
