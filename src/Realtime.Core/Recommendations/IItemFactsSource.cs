namespace Realtime.Core.Recommendations;

/// <summary>
/// Facts an <see cref="ItemSignalSnapshot"/> may resolve on first use instead of holding them all from the start:
/// an item store that has already checked, for the call, that every product it named is known here and fresh
/// (the Redis adapter's facts cache) hands the snapshot this, so a call pays for the facts its ranker reads, not
/// for every product of every list.
/// </summary>
public interface IItemFactsSource
{
    /// <summary>The product's facts at the snapshot's query time; false when the store knows nothing of it.</summary>
    bool TryGet(string productId, out ItemFacts facts);
}
