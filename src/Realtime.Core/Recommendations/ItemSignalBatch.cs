namespace Realtime.Core.Recommendations;

/// <summary>
/// The item-statistics changes one or more events cause. Reusable: ingest clears it per Kafka batch and fills it
/// for every event, then writes it in one pipelined round trip.
/// </summary>
public sealed class ItemSignalBatch
{
    /// <summary>Additive score changes (co-occurrence, popularity, purchase counters).</summary>
    public List<SignalIncrement> Increments { get; } = [];

    /// <summary>Catalog facts to upsert (last write by time wins).</summary>
    public List<CatalogFact> Catalog { get; } = [];

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        Increments.Clear();
        Catalog.Clear();
    }
}
