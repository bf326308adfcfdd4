using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>
/// Work that follows a batch's state write and must finish before its offsets are committed: segment-change
/// publication, item statistics, summary counters. Runs once per batch, with everything the batch changed, side by
/// side with the other effects and the batch's lifecycle bookkeeping (counters, due times): an effect reads only its
/// context and must not depend on what another one writes.
/// </summary>
public interface IBatchEffect
{
    Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken);
}

/// <summary>What a batch changed.</summary>
/// <param name="Result">The fold's result (states before and after, applied records).</param>
/// <param name="Written">The states the compare-and-set accepted; effects act only on these.</param>
/// <param name="CatalogEvents">Catalog events (<c>product_upserted</c>) in the batch.</param>
/// <param name="Now">The processing time.</param>
public sealed record BatchEffectContext(BatchResult Result, IReadOnlyList<CustomerState> Written, IReadOnlyList<CustomerEvent> CatalogEvents, DateTimeOffset Now)
{
    private IReadOnlySet<string>? _writtenIds;

    /// <summary>The ids of <see cref="Written"/>: the customers whose steps an effect may act on. Built once per batch
    /// and shared by the effects, which run side by side and only read it (two racing first reads build equal sets).</summary>
    public IReadOnlySet<string> WrittenIds => _writtenIds ??= Written.Select(s => s.CustomerId).ToHashSet(StringComparer.Ordinal);
}
