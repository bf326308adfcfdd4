namespace Realtime.Host;

/// <summary>
/// TLS for the API's ports (section <c>Api:Tls</c>): a PEM certificate and key, or a PKCS#12 file. The files are
/// re-read when they change (checked at most once a second, on a handshake), so a renewed certificate is served without a restart.
/// </summary>
public sealed class ApiTlsOptions
{
    /// <summary>PEM certificate (chain) file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file for <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PKCS#12 (.pfx) file holding certificate and key (instead of the PEM pair).</summary>
    public string? PfxPath { get; set; }

    /// <summary>Password of <see cref="PfxPath"/>.</summary>
    public string? PfxPassword { get; set; }

    /// <summary>Client certificates: <c>none</c> (default), <c>allow</c> or <c>require</c>. With allow/require, <see cref="ClientCaPath"/> is required.</summary>
    public ClientCertificatePolicy ClientCertificates { get; set; } = ClientCertificatePolicy.None;

    /// <summary>PEM file of the CA(s) that client certificates must chain to.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>True when a server certificate is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(PfxPath) || !string.IsNullOrEmpty(CertificatePath);
}

/// <summary>Whether clients present a TLS certificate.</summary>
public enum ClientCertificatePolicy
{
    None,
    Allow,
    Require,
}
