namespace Realtime.Core.Churn;

/// <summary>How to cut a history into churn examples.</summary>
public sealed class TrainingSetOptions
{
    /// <summary>The default churn horizon: no order within 90 days after the cutoff.</summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(90);

    /// <summary>Moments at which features are snapshotted. Required (see <see cref="CutoffPlan"/> for a default plan).</summary>
    public required IReadOnlyList<DateTimeOffset> Cutoffs { get; init; }

    /// <summary>A customer churned when they placed no order in (cutoff, cutoff + horizon]. Default 90 days.</summary>
    public TimeSpan Horizon { get; init; } = DefaultHorizon;

    /// <summary>Only customers with at least this many orders at the cutoff become examples. Default 1: churn is about buyers.</summary>
    public int MinOrders { get; init; } = 1;

    /// <summary>
    /// The end of the observed history. An example whose label window ends after it is dropped: its "no order" could
    /// just be missing data. Default: the last event's time.
    /// </summary>
    public DateTimeOffset? DataEnd { get; init; }
}
