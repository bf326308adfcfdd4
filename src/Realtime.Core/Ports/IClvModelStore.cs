using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Ports;

/// <summary>Where the fitted CLV model is kept (one small value in Redis), and the lease that lets one instance refit it.</summary>
public interface IClvModelStore
{
    /// <summary>The stored fit, or null when none has been stored (or the stored one is unreadable).</summary>
    Task<ClvModelFit?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored fit; readers see it within their cache's age.</summary>
    Task SaveAsync(ClvModelFit fit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the refit lease for <paramref name="duration"/> if nobody holds it (set-if-absent with an expiry), so only
    /// one of many instances fits per interval. The lease is not released: it expires, which spaces the fits.
    /// </summary>
    Task<bool> TryAcquireFitLeaseAsync(TimeSpan duration, CancellationToken cancellationToken);
}
