using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Recommendations;

/// <summary>
/// How candidates are gathered and blended at request time (section <c>Recommendations</c>). Every signal is
/// first normalised to 0–1 within the request (divided by its best candidate), so the weights read as "how much a
/// perfect match on this signal is worth". Defaults were tuned offline (docs/recommendations.md).
/// </summary>
public sealed class RecommendationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Recommendations";

    /// <summary>Weight of bought-together similarity (default 1).</summary>
    [Range(0, 100)]
    public double BoughtTogetherWeight { get; set; } = 1;

    /// <summary>Weight of viewed-together similarity (default 0.7).</summary>
    [Range(0, 100)]
    public double ViewedTogetherWeight { get; set; } = 0.7;

    /// <summary>Weight of "trending in a category the customer likes" (default 0.3).</summary>
    [Range(0, 100)]
    public double CategoryAffinityWeight { get; set; } = 0.3;

    /// <summary>Weight of global trending (default 0.3): mostly a fallback for anonymous and cold requests.</summary>
    [Range(0, 100)]
    public double TrendingWeight { get; set; } = 0.3;

    /// <summary>Weight of buy-again (default 1).</summary>
    [Range(0, 100)]
    public double BuyAgainWeight { get; set; } = 1;

    /// <summary>How much the context product counts as a seed relative to the freshest history item (default 2).</summary>
    [Range(0, 100)]
    public double ContextSeedWeight { get; set; } = 2;

    /// <summary>Recent items and purchases used as seeds, newest first (default 16).</summary>
    [Range(0, 32)]
    public int HistorySeeds { get; set; } = 16;

    /// <summary>A history seed's weight halves every this many days since the customer last touched it (default 30).</summary>
    [Range(0.01, 3650)]
    public double SeedHalfLifeDays { get; set; } = 30;

    /// <summary>
    /// Popularity damping d in sim(s, j) = co(s, j) / (mass(s)^(1−d) · mass(j)^d): 0.5 is cosine, 0 is
    /// "share of s's co-buys" (favours best-sellers), 1 favours niche items (default 0.3).
    /// </summary>
    [Range(0, 1)]
    public double PopularityDamping { get; set; } = 0.3;

    /// <summary>Customer's strongest categories whose trending lists join the candidates (default 3).</summary>
    [Range(0, 8)]
    public int AffinityCategories { get; set; } = 3;

    /// <summary>
    /// Neighbours read per seed and list (default 50). 30 would cut the products a request ranks by ~40% at no cost
    /// on Online Retail (HR@10 0.702) but cost MovieLens 1.3 points (0.166 → 0.154, about one standard error):
    /// serving speed comes from caching instead (docs/performance.md).
    /// </summary>
    [Range(1, 500)]
    public int NeighbourCount { get; set; } = 50;

    /// <summary>Global trending candidates (default 50).</summary>
    [Range(1, 500)]
    public int TrendingCount { get; set; } = 50;

    /// <summary>Trending candidates per category (default 30).</summary>
    [Range(1, 500)]
    public int CategoryTrendingCount { get; set; } = 30;

    /// <summary>At most this many results per category (default 4; 0 = no cap). Products without a category are not capped.</summary>
    [Range(0, 100)]
    public int MaxPerCategory { get; set; } = 4;

    /// <summary>A product with at least this many orders by the customer is a buy-again candidate (default 2).</summary>
    [Range(1, 100)]
    public int BuyAgainMinOrders { get; set; } = 2;

    /// <summary>
    /// A product bought once is still a buy-again candidate when at least this share of its orders are re-buys
    /// across all customers (default 0.1): consumables qualify, durable goods do not.
    /// </summary>
    [Range(0, 1)]
    public double RepeatableRate { get; set; } = 0.1;

    /// <summary>Assumed re-order gap, in days, for a product bought only once (default 30).</summary>
    [Range(0.01, 3650)]
    public double DefaultRepeatGapDays { get; set; } = 30;

    /// <summary>
    /// Share of responses logged to the impressions topic (default 0.1; 0 disables logging, 1 logs every response).
    /// Sampling keeps the topic small while still giving an unbiased view of what was shown.
    /// </summary>
    [Range(0, 1)]
    public double ImpressionSampleRate { get; set; } = 0.1;
}
