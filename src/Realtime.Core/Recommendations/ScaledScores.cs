using System.Collections;

namespace Realtime.Core.Recommendations;

/// <summary>
/// A stored list seen at a query time: every score multiplied by one decay factor on read, without copying the list.
/// Lets an item store hand the same cached array to every request; <see cref="RecommendationRanker"/> reads
/// <see cref="Stored"/> and <see cref="Factor"/> directly (no enumerator, and the array's identity keys its
/// pre-scored similarities).
/// </summary>
public sealed class ScaledScores(ScoredItem[] stored, double factor) : IReadOnlyList<ScoredItem>
{
    public int Count => stored.Length;

    /// <summary>The shared stored array (scores not yet multiplied by <see cref="Factor"/>).</summary>
    internal ScoredItem[] Stored => stored;

    /// <summary>The decay factor every stored score is multiplied by.</summary>
    internal double Factor => factor;

    public ScoredItem this[int index] => stored[index] with { Score = stored[index].Score * factor };

    public IEnumerator<ScoredItem> GetEnumerator()
    {
        foreach (var item in stored)
        {
            yield return item with { Score = item.Score * factor };
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
