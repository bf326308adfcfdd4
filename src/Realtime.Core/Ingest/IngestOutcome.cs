namespace Realtime.Core.Ingest;

/// <summary>What happened to one event in a batch (a metrics label).</summary>
public enum IngestOutcome
{
    /// <summary>Folded into the customer's state.</summary>
    Applied,

    /// <summary>Its event id was applied recently (a producer retry).</summary>
    Duplicate,

    /// <summary>Its log position was already applied (redelivery after a crash or rebalance).</summary>
    Redelivered,

    /// <summary>Not valid; sent to the dead-letter topic.</summary>
    Rejected,
}
