namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// The learned ranker's feature vector per (customer, product), versioned: a model trained on another version is
/// refused. <see cref="Undefined"/> (−1) marks a value that does not exist (never bought, no own rhythm, unknown
/// price): every real value is ≥ 0, so a tree separates it with one split, and no NaN reaches the evaluator.
/// </summary>
public static class RankerFeatures
{
    /// <summary>Changes whenever a feature is added, removed, reordered or computed differently.</summary>
    public const int Version = 2;

    public const int Orders = 0;
    public const int OrderShare = 1;
    public const int DaysSinceBought = 2;
    public const int OwnGapDays = 3;
    public const int DueRatio = 4;
    public const int DecayedFrequency = 5;
    public const int BoughtTogether = 6;
    public const int ViewedTogether = 7;
    public const int CategoryAffinity = 8;
    public const int Trending = 9;
    public const int Popularity = 10;
    public const int BuyAgain = 11;
    public const int RepeatRate = 12;
    public const int PriceRatio = 13;
    public const int Purchases = 14;
    public const int CustomerBaskets = 15;
    public const int DaysSinceLastOrder = 16;
    public const int BlendScore = 17;
    public const int CategoryShare = 18;
    public const int FrequencyRank = 19;
    public const int NoveltyRate = 20;
    public const int MeanBasketSize = 21;

    /// <summary>The value of a feature that is not defined for this (customer, product).</summary>
    public const float Undefined = -1;

    /// <summary>Number of features.</summary>
    public const int Count = 22;

    /// <summary>Feature names, in vector order (features file, docs).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "orders", "order_share", "days_since_bought", "own_gap_days", "due_ratio", "decayed_frequency",
        "bought_together", "viewed_together", "category_affinity", "trending", "popularity_log", "buy_again",
        "repeat_rate", "price_ratio", "purchases_log", "customer_baskets", "days_since_last_order", "blend_score",
        "category_share", "frequency_rank", "novelty_rate", "mean_basket_size",
    ];

    /// <summary>
    /// The generator each feature belongs to, for reasons: a recommended product's reason is the group whose removal
    /// (features set to <see cref="AbsentValue"/>) lowers its score most. Customer-level features belong to none.
    /// </summary>
    public static RecommendationReason? GroupOf(int feature) => feature switch
    {
        Orders or OrderShare or DaysSinceBought or OwnGapDays or DueRatio or DecayedFrequency or BuyAgain or FrequencyRank => RecommendationReason.BuyAgain,
        BoughtTogether => RecommendationReason.BoughtTogether,
        ViewedTogether => RecommendationReason.ViewedTogether,
        CategoryAffinity or CategoryShare => RecommendationReason.CategoryAffinity,
        Trending or Popularity or Purchases => RecommendationReason.Trending,
        _ => null,
    };

    /// <summary>The value a feature takes when its generator says nothing about the product.</summary>
    public static float AbsentValue(int feature) => feature switch
    {
        DaysSinceBought or OwnGapDays or DueRatio or FrequencyRank => Undefined,
        _ => 0,
    };
}
