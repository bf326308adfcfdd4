using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>Encoded sizes of stored purchase histories (<see cref="PurchaseHistoryCodec"/>) over a population: what field <c>h</c> costs per customer.</summary>
/// <param name="Customers">Customers with a history (those who ordered).</param>
/// <param name="MeanBytes">Mean encoded bytes.</param>
/// <param name="MedianBytes">Median encoded bytes.</param>
/// <param name="P99Bytes">99th percentile.</param>
/// <param name="MaxBytes">Largest.</param>
/// <param name="MeanProducts">Mean products kept.</param>
public sealed record HistorySizes(int Customers, double MeanBytes, int MedianBytes, int P99Bytes, int MaxBytes, double MeanProducts)
{
    /// <summary>The sizes of the histories <paramref name="states"/> carry.</summary>
    public static HistorySizes Of(IEnumerable<CustomerState> states)
    {
        var sizes = new List<int>();
        long products = 0;
        foreach (var s in states)
        {
            if (s.History is { } h)
            {
                sizes.Add(PurchaseHistoryCodec.Encode(h).Length);
                products += h.Items.Count;
            }
        }

        if (sizes.Count == 0)
        {
            return new HistorySizes(0, 0, 0, 0, 0, 0);
        }

        sizes.Sort();
        return new HistorySizes(
            sizes.Count, sizes.Average(), sizes[sizes.Count / 2], sizes[Math.Min(sizes.Count - 1, (int)(sizes.Count * 0.99))], sizes[^1], (double)products / sizes.Count);
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Customers} customers, mean {MeanBytes:F0} B ({MeanProducts:F1} products), median {MedianBytes} B, p99 {P99Bytes} B, max {MaxBytes} B");
}
