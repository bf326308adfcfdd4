using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Core.Ports;

/// <summary>
/// The CLV model in force, for every place that estimates CLV (ingest, sweeper, API, offers). Implementations cache
/// (reading it must cost nothing on a request path) and never throw: without a usable fitted model it is
/// <see cref="ClvModel.None"/>, and the calculator uses its documented fallback.
/// </summary>
public interface IClvModelSource
{
    /// <summary>The current model; <see cref="ClvModel.None"/> until a fit exists.</summary>
    ClvModel Current { get; }
}
