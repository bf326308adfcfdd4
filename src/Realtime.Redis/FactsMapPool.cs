using Microsoft.Extensions.ObjectPool;
using Realtime.Core.Recommendations;

namespace Realtime.Redis;

/// <summary>
/// The per-call facts maps <see cref="RedisItemSignalStore"/> lends to its snapshots. Each Recommend filled a new
/// ~900-entry map (an 80-byte entry per product: a ~72 KB array, a quarter of the API's allocated bytes under the serve
/// mix, gc-verbose trace of 2026-12-04); reused, a map costs a clear instead of an allocation and the collections it
/// brings. Maps that grew past <see cref="MaxRetainedCapacity"/> are dropped rather than kept.
/// </summary>
public sealed class FactsMapPool
{
    /// <summary>The capacity a map starts with: the most products a call names before resolving any on use.</summary>
    public const int InitialCapacity = 900;

    /// <summary>A map larger than this after a call is left to the collector.</summary>
    public const int MaxRetainedCapacity = 4 * InitialCapacity;

    /// <summary>The pool of every store not given its own (the API has one store).</summary>
    public static FactsMapPool Shared { get; } = new();

    private readonly DefaultObjectPool<Dictionary<string, ItemFacts>> _pool;

    /// <param name="maximumRetained">Maps kept idle at most: about the calls in flight at once.</param>
    public FactsMapPool(int maximumRetained = 64)
    {
        _pool = new DefaultObjectPool<Dictionary<string, ItemFacts>>(new Policy(), maximumRetained);
        Return = _pool.Return; // one delegate for every snapshot
    }

    /// <summary>Gives a map back to the pool (cleared there); what a lending snapshot calls on dispose.</summary>
    public Action<Dictionary<string, ItemFacts>> Return { get; }

    /// <summary>An empty map with ordinal keys, from the pool or new.</summary>
    public Dictionary<string, ItemFacts> Rent() => _pool.Get();

    private sealed class Policy : IPooledObjectPolicy<Dictionary<string, ItemFacts>>
    {
        public Dictionary<string, ItemFacts> Create() => new(InitialCapacity, StringComparer.Ordinal);

        public bool Return(Dictionary<string, ItemFacts> map)
        {
            map.Clear();
            return map.EnsureCapacity(0) <= MaxRetainedCapacity;
        }
    }
}
