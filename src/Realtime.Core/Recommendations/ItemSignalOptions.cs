using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Recommendations;

/// <summary>
/// How events become item statistics (bound from <c>Recommendations:Signals</c>). Ingest and the API must use the
/// same epoch and half-lives, because stored scores are only meaningful relative to them.
/// </summary>
public sealed class ItemSignalOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Recommendations:Signals";

    /// <summary>
    /// Reference time of the epoch-scaled scores (default 2025-01-01). Stored scores grow by 2× per half-life after
    /// it; see <see cref="DecayScale"/> for the bound. Replays of older history set it to the history's start.
    /// </summary>
    public DateTimeOffset Epoch { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Half-life of co-occurrence and of the per-item purchase counters, in days (default 60).</summary>
    [Range(0.01, 3650)]
    public double AssociationHalfLifeDays { get; set; } = 60;

    /// <summary>Half-life of popularity overall and per category ("trending"), in days (default 7).</summary>
    [Range(0.01, 3650)]
    public double TrendingHalfLifeDays { get; set; } = 7;

    /// <summary>Views and cart adds within this many minutes of each other count as viewed together (default 30).</summary>
    [Range(1, 1440)]
    public int ViewWindowMinutes { get; set; } = 30;

    /// <summary>
    /// Orders by one customer within this many hours of an earlier order count as one basket for "bought together"
    /// (default 24), so a split order or a quick follow-up still pairs its items.
    /// </summary>
    [Range(0, 720)]
    public int BasketWindowHours { get; set; } = 24;

    /// <summary>At most this many items of one event take part in pairs (default 20): bounds a wholesale order's n² pairs.</summary>
    [Range(1, 200)]
    public int MaxItemsPerEvent { get; set; } = 20;

    /// <summary>
    /// Each item pairs with at most this many co-items per event (default 10), and each pair gets weight 1/n,
    /// so one event adds at most 1 to any item's neighbour mass: one customer cannot flood a list.
    /// </summary>
    [Range(1, 100)]
    public int MaxCoItems { get; set; } = 10;

    /// <summary>
    /// A view pairs with at most this many of the customer's most recent views (default 5; orders keep
    /// <see cref="MaxCoItems"/>). Views are most of the traffic and each pair is two sorted-set increments, so this
    /// halves ingest's heaviest Redis write; offline HR@10 on MovieLens (views) moved 0.166 → 0.162, inside its
    /// noise (s.e. ≈ 0.012), Online Retail (orders) not at all.
    /// </summary>
    [Range(1, 100)]
    public int MaxCoViews { get; set; } = 5;

    /// <summary>
    /// Weight of a pair the customer already bought together before (both items in their purchase history),
    /// default 0.25: a wholesaler's standing order should not outvote many distinct customers.
    /// </summary>
    [Range(0, 1)]
    public double RepeatPairWeight { get; set; } = 0.25;

    /// <summary>Popularity weight of a view (default 0.1).</summary>
    [Range(0, 10)]
    public double ViewWeight { get; set; } = 0.1;

    /// <summary>Popularity weight of a cart add (default 0.3).</summary>
    [Range(0, 10)]
    public double CartWeight { get; set; } = 0.3;

    /// <summary>Popularity weight of an ordered line (default 1; quantity is ignored so bulk buyers do not dominate).</summary>
    [Range(0, 10)]
    public double OrderWeight { get; set; } = 1;

    /// <summary>Popularity removed per returned line (default 1); readers treat a negative total as zero.</summary>
    [Range(0, 10)]
    public double ReturnWeight { get; set; } = 1;

    /// <summary>
    /// Neighbours kept per bought/viewed-together list in the store (default 60): a list is trimmed back to this
    /// many, weakest first, when it grows past twice as many. At ≤ 64 a list never exceeds Redis's
    /// <c>zset-max-listpack-entries</c> (128), so it stays a compact listpack (~4× less memory than a skiplist);
    /// 60 against 200 moved offline HR@10 by less than its noise (docs/recommendations.md). Keep it at least
    /// <see cref="RecommendationOptions.NeighbourCount"/>.
    /// </summary>
    [Range(10, 5000)]
    public int MaxNeighbours { get; set; } = 60;

    /// <summary>Products kept per category trending list in the store (default 500; trimmed the same way).</summary>
    [Range(10, 10_000)]
    public int MaxCategoryTrending { get; set; } = 500;

    /// <summary>
    /// How long an API instance reuses a product's facts (catalog fields, masses, trending score) before reading them
    /// again, in ms (default 5000; 0 reads every time). Bounds how late a stock-out or a price change shows. At 1 s,
    /// re-reading the facts of a 10k-product catalog every second was a third of a Recommend's cost under load.
    /// </summary>
    [Range(0, 60_000)]
    public int FactsCacheMilliseconds { get; set; } = 5000;

    /// <summary>
    /// How long an API instance reuses a neighbour or trending list before reading it again, in ms (default 10000;
    /// 0 reads every time). Lists move slowly (co-occurrence sums) but are the bulk of what a Recommend reads: with
    /// 10k products a 1 s reuse re-read ~20k lists a second, most of the API's Redis and parsing work.
    /// </summary>
    [Range(0, 600_000)]
    public int ListsCacheMilliseconds { get; set; } = 10_000;

    /// <summary>
    /// How long ingest sums item-statistics increments in memory before writing them, in ms (default 250; 0 writes each
    /// batch's increments before the batch is committed, as before). The sums are written in the background, beside the
    /// next batches, so a hot pair costs one increment per flush instead of one per order. A crash loses at most the
    /// increments of this interval (plus the batch in flight): item statistics stay at-most-once (docs/reliability.md).
    /// </summary>
    [Range(0, 10_000)]
    public int FlushIntervalMilliseconds { get; set; } = 250;
}
