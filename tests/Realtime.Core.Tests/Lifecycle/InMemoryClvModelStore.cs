using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;

namespace Realtime.Core.Tests.Lifecycle;

/// <summary>An in-memory CLV model store whose lease is a flag (held until <see cref="ReleaseLease"/>).</summary>
internal sealed class InMemoryClvModelStore : IClvModelStore
{
    private bool _leased;

    public ClvModelFit? Stored { get; private set; }

    public Task<ClvModelFit?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Stored);

    public Task SaveAsync(ClvModelFit fit, CancellationToken cancellationToken)
    {
        Stored = fit;
        return Task.CompletedTask;
    }

    public Task<bool> TryAcquireFitLeaseAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var taken = !_leased;
        _leased = true;
        return Task.FromResult(taken);
    }

    public void ReleaseLease() => _leased = false;
}
