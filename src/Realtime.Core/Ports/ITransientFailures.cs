namespace Realtime.Core.Ports;

/// <summary>
/// Decides whether a failure is transient (the dependency's fault: wait and retry, never skip the record) or not (the
/// record's or the engine's fault: isolate the record and dead-letter it). Each adapter registers the classifier for
/// the exceptions its client library throws; ingest (retry or isolate) and the API (<c>UNAVAILABLE</c>) ask all of them.
/// </summary>
public interface ITransientFailures
{
    /// <summary>A short reason label (a metrics label, e.g. <c>redis_timeout</c>) when <paramref name="exception"/> is transient; null otherwise.</summary>
    string? TransientReason(Exception exception);
}
