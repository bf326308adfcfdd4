namespace Realtime.Core.Ports;

/// <summary>
/// Tells whether an exception means a dependency (a store, a broker) is unreachable or too slow right now: a
/// transient failure the caller should retry, not a bug. Each adapter registers one for its own client's exceptions,
/// so the APIs can answer <c>UNAVAILABLE</c> without referencing the adapters.
/// </summary>
public interface IDependencyFailures
{
    /// <summary>True when <paramref name="exception"/> is a transient failure of this adapter's dependency.</summary>
    bool IsUnavailable(Exception exception);
}
