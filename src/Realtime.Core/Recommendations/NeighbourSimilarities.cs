using System.Runtime.CompilerServices;

namespace Realtime.Core.Recommendations;

/// <summary>
/// Pre-scored neighbour lists: sim(s, j) = co(s, j) / (mass(s)^(1−d) · mass(j)^d) for every entry of a seed's
/// bought- or viewed-together list. Co-occurrence and both masses decay by the same factor, which cancels, so a
/// similarity computed once holds for every later query time: an item store that hands out the same cached array
/// (<see cref="ScaledScores"/>) has its similarities computed on the first request that ranks it and reused while the
/// array lives (the Redis adapter's list cache: 10 s), instead of two powers and a division per entry per request.
/// Keyed by the array's identity, so a list re-read from the store (a new array) is scored afresh with fresh masses;
/// lists built per request (the in-memory store) are scored on every call, as before.
/// </summary>
internal static class NeighbourSimilarities
{
    private const double EmptyMass = 1e-12;

    private static readonly ConditionalWeakTable<ScoredItem[], Scored> s_cache = new();

    /// <summary>
    /// The similarities of <paramref name="list"/>'s entries, in its order: a bought-together list normalises by the
    /// bought masses, a viewed-together one by the viewed masses (<paramref name="bought"/>).
    /// </summary>
    public static ReadOnlySpan<double> Of(IReadOnlyList<ScoredItem> list, double seedMass, double damping, bool bought, ItemSignalSnapshot signals, RankScratch scratch)
    {
        var shared = list as ScaledScores;
        if (shared is not null && s_cache.TryGetValue(shared.Stored, out var cached) && cached.Damping == damping && cached.Bought == bought)
        {
            return cached.Values;
        }

        // A list built for this request only is scored into the thread's buffer: nothing to keep.
        var values = shared is null ? scratch.SimilarityBuffer(list.Count) : new double[list.Count];
        var seedNorm = Power(seedMass, 1 - damping);
        // An empty mass is normalised by 1, which does not decay: such a list is scored per request, never kept.
        var invariant = seedMass > EmptyMass;
        for (var i = 0; i < list.Count; i++)
        {
            var n = list[i];
            var facts = signals.FactsOf(n.ProductId);
            var mass = bought ? facts.BoughtMass : facts.ViewedMass;
            invariant &= mass > EmptyMass;
            values[i] = Similarity(n.Score, seedNorm, Power(mass, damping));
        }

        if (shared is not null && invariant)
        {
            s_cache.AddOrUpdate(shared.Stored, new Scored(values, damping, bought));
        }

        return values.AsSpan(0, list.Count);
    }

    private static double Similarity(double co, double seedNorm, double candidateNorm) =>
        co <= 0 ? 0 : co / (seedNorm * candidateNorm);

    /// <summary>x^p for the normalisers, with the common exponents computed cheaply and empty masses treated as 1.</summary>
    private static double Power(double x, double p) =>
        x <= EmptyMass ? 1 : p == 0 ? 1 : p == 0.5 ? Math.Sqrt(x) : p == 1 ? x : Math.Pow(x, p);

    private sealed record Scored(double[] Values, double Damping, bool Bought);
}
