using System.ComponentModel.DataAnnotations;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Kafka;

/// <summary>The per-customer purchase history ingest keeps for the learned ranker (section <c>Recommendations:History</c>).</summary>
public sealed class PurchaseHistoryOptions
{
    public const string SectionName = "Recommendations:History";

    /// <summary>
    /// Products a customer's history keeps; past it the fold drops those with the lowest basket-decayed frequency.
    /// 0 keeps no history (the ranker then estimates from the state's newest purchases). Default 200 (about 5 KB for
    /// the heaviest Online Retail customers, see docs/recommendations.md).
    /// </summary>
    [Range(0, 10_000)]
    public int MaxProducts { get; set; } = PurchaseProfile.DefaultMaxProducts;
}
