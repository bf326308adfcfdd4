using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Lifecycle;

/// <summary>The segment sweeper (section <c>Lifecycle:Sweep</c>): how often it looks for time-driven changes and how much it takes.</summary>
public sealed class SweepOptions
{
    /// <summary>Pause between sweeps when nothing was due, in ms. Default 1000 (a segment changes at most ~1 s late).</summary>
    [Range(10, 600_000)]
    public int IntervalMs { get; set; } = 1000;

    /// <summary>Customers claimed per sweep. Default 500 (one load and one write round trip each).</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a claimed customer stays invisible to other sweepers, in seconds. Default 30: far above a sweep's
    /// duration, so two instances never take the same customer, yet a crashed sweeper delays its claims by at most this.
    /// </summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Checks the settings; throws naming the key.</summary>
    public void Validate()
    {
        if (IntervalMs is < 10 or > 600_000 || BatchSize is < 1 or > 100_000 || LeaseSeconds is < 1 or > 3600)
        {
            throw new ArgumentException("Lifecycle:Sweep: IntervalMs 10..600000, BatchSize 1..100000, LeaseSeconds 1..3600");
        }
    }
}
