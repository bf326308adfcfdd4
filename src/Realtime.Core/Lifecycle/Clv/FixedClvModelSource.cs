using Realtime.Core.Ports;

namespace Realtime.Core.Lifecycle.Clv;

/// <summary>An <see cref="IClvModelSource"/> that always returns one model (tests, offline evaluation, no store).</summary>
public sealed class FixedClvModelSource(ClvModel model) : IClvModelSource
{
    /// <summary>Always <see cref="ClvModel.None"/>: every estimate uses the fallback.</summary>
    public static FixedClvModelSource None { get; } = new(ClvModel.None);

    /// <inheritdoc />
    public ClvModel Current { get; } = model;
}
