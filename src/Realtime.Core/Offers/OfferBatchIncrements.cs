namespace Realtime.Core.Offers;

/// <summary>What one ingest batch teaches the offer statistics: counter increments (summed per field) and budget usage.</summary>
/// <param name="Stats">Statistic increments, one per field.</param>
/// <param name="Budget">Budget usage to add, one per offer.</param>
public sealed record OfferBatchIncrements(IReadOnlyList<StatIncrement> Stats, IReadOnlyList<BudgetIncrement> Budget)
{
    /// <summary>True when the batch taught nothing.</summary>
    public bool IsEmpty => Stats.Count == 0 && Budget.Count == 0;
}
