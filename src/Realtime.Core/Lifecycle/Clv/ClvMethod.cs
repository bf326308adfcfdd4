namespace Realtime.Core.Lifecycle.Clv;

/// <summary>How a CLV estimate's predicted part was computed.</summary>
public enum ClvMethod
{
    /// <summary>No orders: nothing to predict from.</summary>
    None,

    /// <summary>The customer's own order rate, mean order value and silence (no fitted parameters).</summary>
    Fallback,

    /// <summary>BG/NBD expected transactions × Gamma-Gamma (or own mean) spend.</summary>
    Model,
}
