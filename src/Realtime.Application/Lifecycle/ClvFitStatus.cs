namespace Realtime.Application.Lifecycle;

/// <summary>How a CLV refit attempt ended.</summary>
public enum ClvFitStatus
{
    /// <summary>A usable model was fitted and stored.</summary>
    Stored,

    /// <summary>Another instance holds the refit lease for this interval; nothing was done.</summary>
    LeaseHeld,

    /// <summary>Fewer buyers than <see cref="Core.Lifecycle.ClvFitOptions.MinCustomers"/>: no fit, the previous model (or the fallback) stays.</summary>
    TooFewCustomers,

    /// <summary>The fit did not converge or gave unusable parameters; it was not stored.</summary>
    Rejected,
}
