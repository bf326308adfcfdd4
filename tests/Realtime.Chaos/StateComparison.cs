using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;

namespace Realtime.Chaos;

/// <summary>
/// Expected states (the engine's fold of the valid stream) against what Redis holds. <see cref="Lost"/> and
/// <see cref="Duplicated"/> are summed per counter (<see cref="StateCounters"/>); <see cref="Mismatched"/> counts customers
/// whose encoded state (<see cref="StateCodec"/>, which carries no log position) or purchase history
/// (<see cref="PurchaseHistoryCodec"/>, field <c>h</c>: an order counted twice or lost shows there too) differs from the expected bytes.
/// </summary>
internal sealed record StateComparison(long Lost, long Duplicated, int Mismatched, int Missing, string? FirstDifference)
{
    public bool Matches => Lost == 0 && Duplicated == 0 && Mismatched == 0;

    public static StateComparison Of(IReadOnlyDictionary<string, CustomerState> expected, IReadOnlyDictionary<string, byte[]> expectedBytes, IReadOnlyDictionary<string, CustomerState> actual)
    {
        long lost = 0, duplicated = 0;
        int mismatched = 0, missing = 0;
        string? first = null;
        foreach (var (id, want) in expected)
        {
            actual.TryGetValue(id, out var got);
            missing += got is null ? 1 : 0;
            var w = StateCounters.Of(want);
            var g = StateCounters.Of(got);
            var diffs = new List<string>();
            for (var i = 0; i < w.Length; i++)
            {
                lost += Math.Max(0, w[i] - g[i]);
                duplicated += Math.Max(0, g[i] - w[i]);
                if (w[i] != g[i])
                {
                    diffs.Add($"{StateCounters.Names[i]} {g[i]} (expected {w[i]})");
                }
            }

            var historyDiffers = got is not null && !SameHistory(got, want);
            if (got is null || historyDiffers || !StateCodec.Encode(got).AsSpan().SequenceEqual(expectedBytes[id]))
            {
                mismatched++;
                first ??= got is null ? $"{id}: no state in Redis"
                    : diffs.Count > 0 ? $"{id}: {string.Join(", ", diffs)}"
                    : historyDiffers ? $"{id}: state equal, purchase history differs ({got.History?.Baskets} baskets vs {want.History?.Baskets})"
                    : $"{id}: counters equal, encoded state differs (net revenue {got.NetRevenue} vs {want.NetRevenue}, last seen {got.LastSeenMs} vs {want.LastSeenMs})";
            }
        }

        return new StateComparison(lost, duplicated, mismatched, missing, first);
    }

    private static bool SameHistory(CustomerState got, CustomerState want) =>
        (got.History, want.History) switch
        {
            (null, null) => true,
            ({ } g, { } w) => PurchaseHistoryCodec.Encode(g).AsSpan().SequenceEqual(PurchaseHistoryCodec.Encode(w)),
            _ => false,
        };
}
