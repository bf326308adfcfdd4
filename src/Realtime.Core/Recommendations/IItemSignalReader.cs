namespace Realtime.Core.Recommendations;

/// <summary>
/// Port to the item statistics (Redis in production, <see cref="InMemoryItemSignalStore"/> offline and in tests).
/// One call answers a whole <see cref="ItemSignalQuery"/>; an implementation should need at most two round trips
/// (lists first, then the facts of the products they returned), or one with a server-side script.
/// </summary>
public interface IItemSignalReader
{
    /// <summary>Reads neighbours, trending lists and facts as of <see cref="ItemSignalQuery.NowMs"/>.</summary>
    ValueTask<ItemSignalSnapshot> ReadAsync(ItemSignalQuery query, CancellationToken cancellationToken);
}
