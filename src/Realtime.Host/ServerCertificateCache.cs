using System.Security.Cryptography.X509Certificates;

namespace Realtime.Host;

/// <summary>
/// The server certificate, loaded from <see cref="ApiTlsOptions"/> files and reloaded when their modification time
/// changes. Checked lazily, at most once per second, from Kestrel's certificate selector; a file that fails to load
/// (half-written during a rotation) keeps the previous certificate until the next check.
/// </summary>
internal sealed class ServerCertificateCache
{
    private static readonly TimeSpan s_checkEvery = TimeSpan.FromSeconds(1);
    private readonly ApiTlsOptions _tls;
    private readonly Lock _lock = new();
    private X509Certificate2 _current;
    private DateTime _stamp;
    private long _checkedAt;

    public ServerCertificateCache(ApiTlsOptions tls)
    {
        _tls = tls;
        _stamp = Stamp();
        _current = Load(); // a bad file at start-up fails start-up
        _checkedAt = Environment.TickCount64;
    }

    public X509Certificate2 Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _checkedAt) < s_checkEvery.TotalMilliseconds)
            {
                return _current;
            }

            lock (_lock)
            {
                _checkedAt = now;
                var stamp = Stamp();
                if (stamp != _stamp)
                {
                    try
                    {
                        _current = Load();
                        _stamp = stamp;
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
                    {
                        // Keep serving the previous certificate; the next check retries.
                    }
                }

                return _current;
            }
        }
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
}
